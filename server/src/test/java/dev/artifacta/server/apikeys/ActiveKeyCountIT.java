package dev.artifacta.server.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.command.apikeys.infrastructure.CredentialRegistryRepository;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.QueryPlans;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Creating a key counts the tenant's active keys against its plan. Keys made for one job and left
 * to expire pile up in a tenant's history; the count must read the active keys only, however long
 * that history is.
 */
@MicronautTest(transactional = false)
class ActiveKeyCountIT extends ApiTest {

    /**
     * The statement {@code CredentialRegistryRepository.countActive} runs, at the database's now,
     * for a key without a name.
     */
    private static final String COUNT_ACTIVE = countActiveStatement();

    @Inject
    DataSource dataSource;

    @Test
    void givenATenantWithAThousandExpiredAndRevokedKeys_whenItsActiveKeysAreCounted_thenTheCountReadsFewPages()
            throws SQLException {
        Tenant tenant = api.signUp("key-history");
        try (Connection connection =
                DelegatingDataSource.unwrapDataSource(dataSource).getConnection()) {
            connection.setAutoCommit(true);
            try (Statement history = connection.createStatement()) {
                history.executeUpdate("INSERT INTO credential_registry (key_id, tenant_id, name, active_name,"
                        + " secret_sha256, prefix, last4, scopes, identity_type, identity_name, expires_at, created_at,"
                        + " revoked_at) SELECT 'hist-' || md5('" + tenant.id() + "' || i), '" + tenant.id() + "',"
                        + " 'job-' || i, NULL, md5('" + tenant.id() + "' || i) || md5('s' || i), 'ak_hist', 'abcd',"
                        + " 'artifacts:read', 'user', 'ci@example.com', now() - interval '1 day',"
                        + " now() - interval '2 days', CASE WHEN i % 2 = 0 THEN now() - interval '1 day' END"
                        + " FROM generate_series(1, 1000) i");
                history.execute("ANALYZE credential_registry");
            }

            try (PreparedStatement count = connection.prepareStatement(COUNT_ACTIVE)) {
                for (int parameter = 1; parameter <= 3; parameter++) {
                    count.setString(parameter, tenant.id());
                }
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    assertThat(rows.getLong(1)).isEqualTo(1); // the signup's key
                }
            }
            try (PreparedStatement explain =
                    connection.prepareStatement("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + COUNT_ACTIVE)) {
                for (int parameter = 1; parameter <= 3; parameter++) {
                    explain.setString(parameter, tenant.id());
                }
                try (ResultSet plan = explain.executeQuery()) {
                    plan.next();
                    String json = plan.getString(1);
                    assertThat(QueryPlans.pagesRead(json))
                            .as("pages read to count 1 active key among 1,001: %s", json)
                            .isLessThan(20);
                }
            }
        }
    }

    private static String countActiveStatement() {
        try {
            return CredentialRegistryRepository.class
                    .getMethod("countActive", String.class, String.class, Instant.class)
                    .getAnnotation(Query.class)
                    .value()
                    .replace(":tenantId", "?")
                    .replace(":now", "now()")
                    .replace(":name", "NULL");
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
