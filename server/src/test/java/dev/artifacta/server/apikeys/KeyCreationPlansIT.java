package dev.artifacta.server.apikeys;

import static dev.artifacta.server.testing.QueryPlans.explain;
import static dev.artifacta.server.testing.QueryPlans.pagesRead;
import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.command.apikeys.infrastructure.CredentialRegistryRepository;
import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.QueryPlans;
import io.micronaut.data.annotation.Query;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Creating a key runs two statements on the tenant's keys ({@code JdbcKeyAllowances} and the
 * name's release): the count of active keys and of those holding the new name, and the release of
 * an expired key's name. The server runs them prepared, so each connection keeps the generic plan it
 * made first, often while the table was small and had no statistics (a new database, or one whose
 * autovacuum is off). Those plans must still read only what the statement needs when the tenant
 * has thousands of keys behind it (made for one CI job each and left to expire), not all of them.
 */
@MicronautTest(transactional = false)
class KeyCreationPlansIT extends ApiTest {

    private static final Pattern NAMED = Pattern.compile(":(\\w+)");

    @Inject
    DataSource dataSource;

    @Test
    void givenPlansMadeOnASmallTableWithoutStatistics_whenTheTenantHas2000ExpiredKeys_thenEachStatementReadsFewPages()
            throws Exception {
        QueryPlans.withEmptyCopy(dataSource, "key_creation_plans", "credential_registry", sql -> {
            insertKeys(sql, "'live-' || i", "'t' || i", "'live'", "NULL", "generate_series(0, 15) i");
            prepare(sql, "count_active", "countActive", String.class, String.class, Instant.class);
            prepare(sql, "release_name", "releaseExpiredName", String.class, String.class, Instant.class);
            String now = "'2026-12-07T12:00:00Z'";
            String[] executions = {
                "count_active('t1', " + now + ", 'job-7')", "release_name('t1', 'job-7', " + now + ")"
            };
            for (String execution : executions) {
                sql.execute("EXECUTE " + execution); // the plan each connection keeps, made now
            }

            // Then the tenants' histories grow: 2,000 keys each, all expired, each holding its name.
            insertKeys(
                    sql,
                    "'job-' || (i % 16) || '-' || i",
                    "'t' || (i % 16)",
                    "'job-' || (i / 16)",
                    "TIMESTAMPTZ '2026-12-01T00:00:00Z'",
                    "generate_series(0, 31999) i");

            try (ResultSet count = sql.executeQuery("EXECUTE count_active('t1', " + now + ", 'job-7')")) {
                count.next();
                assertThat(count.getLong(1)).isEqualTo(1);
            }
            var pages = new LinkedHashMap<String, Integer>();
            var plans = new StringBuilder();
            for (String execution : executions) {
                sql.execute("BEGIN");
                try {
                    String plan = explain(sql, "EXECUTE " + execution);
                    pages.put(execution, pagesRead(plan));
                    plans.append(plan);
                } finally {
                    sql.execute("ROLLBACK");
                }
            }
            assertThat(pages.values())
                    .as("pages read by each statement among the tenant's 2,001 keys %s: %s", pages, plans)
                    .allMatch(read -> read < 20);
        });
    }

    private static void insertKeys(Statement sql, String keyId, String tenant, String name, String expires, String rows)
            throws SQLException {
        sql.execute("INSERT INTO credential_registry (key_id, tenant_id, name, active_name, secret_sha256, prefix,"
                + " last4, scopes, identity_type, identity_name, expires_at, created_at) SELECT " + keyId + ", "
                + tenant + ", " + name + ", " + name + ", md5(" + keyId + ") || md5('s' || " + keyId + "), 'ak_plan',"
                + " 'abcd', 'artifacts:read', 'user', 'ci@example.com', " + expires
                + ", TIMESTAMPTZ '2026-11-30T00:00:00Z' FROM " + rows);
    }

    /** Prepares the repository method's own statement, its named parameters numbered in order. */
    private static void prepare(Statement sql, String name, String method, Class<?>... parameters)
            throws SQLException, NoSuchMethodException {
        String query = CredentialRegistryRepository.class
                .getMethod(method, parameters)
                .getAnnotation(Query.class)
                .value();
        Matcher named = NAMED.matcher(query);
        StringBuilder numbered = new StringBuilder();
        var order = new java.util.ArrayList<String>();
        while (named.find()) {
            if (!order.contains(named.group(1))) {
                order.add(named.group(1));
            }
            named.appendReplacement(numbered, "\\$" + (order.indexOf(named.group(1)) + 1));
        }
        named.appendTail(numbered);
        var types = new java.util.ArrayList<String>();
        for (String parameter : order) {
            types.add(parameter.equals("now") ? "timestamptz" : "varchar");
        }
        sql.execute("PREPARE " + name + "(" + String.join(", ", types) + ") AS " + numbered);
    }
}
