package dev.artifacta.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.artifacta.server.testing.Api.Tenant;
import dev.artifacta.server.testing.ApiResponse;
import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.CapturedLogs;
import dev.artifacta.server.testing.Tables;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A raw API key appears in exactly one place: the response that created it. This runs a session
 * that creates, uses, revokes and misuses keys (pasting them into names, JSON and headers), then
 * scans every table, every log line written meanwhile (our code at DEBUG) and every other response
 * for any of the keys.
 */
@MicronautTest(transactional = false)
class SecretLeakIT extends ApiTest {

    private static final Pattern ANY_KEY = Pattern.compile("ak_live_[A-Za-z0-9]{32}");

    @Inject
    DataSource dataSource;

    private CapturedLogs logs;
    private final List<String> rawKeys = new ArrayList<>();

    @BeforeAll
    void captureLogs() {
        logs = CapturedLogs.start();
    }

    @AfterAll
    void stopCapturing() {
        logs.close();
    }

    @Test
    void givenASessionThatCreatesUsesRevokesAndMisusesKeys_thenNoRawKeyIsStoredLoggedOrEchoed() throws Exception {
        Tenant tenant = api.signUp("secrets");
        rawKeys.add(tenant.key());
        JsonNode ci = api.createKey(tenant.key(), "{\"name\":\"CI Pipeline\",\"scopes\":[\"artifacts:read\"]}");
        String ciKey = ci.get("key").asText();
        rawKeys.add(ciKey);

        api.get("/v1/whoami", ciKey);
        api.send(HttpRequest.GET("/v1/api-keys").header("X-API-Key", tenant.key()));
        api.get("/v1/api-keys", ciKey);
        api.delete("/v1/api-keys/" + ci.get("id").asText(), tenant.key());
        api.get("/v1/whoami", ciKey);
        api.get("/v1/whoami", tenant.key().substring(0, 39) + "Q");
        api.send(HttpRequest.GET("/v1/whoami").header("Authorization", "Basic " + tenant.key()));
        api.post("/v1/api-keys", tenant.key(), "{\"name\":\"" + ciKey + "\"}");
        api.post("/v1/api-keys", tenant.key(), "{\"name\":\"x\",\"description\":\"key is " + ciKey + "\"}");
        api.post("/v1/api-keys", tenant.key(), "{\"name\": " + ciKey + "}");
        api.post("/v1/api-keys", tenant.key(), "{\"" + ciKey + "\": 1}");
        api.post("/v1/api-keys", tenant.key(), "{\"name\":\"x\",\"scopes\":[\"" + ciKey + "\"]}");
        api.send(HttpRequest.POST("/v1/api-keys", ciKey)
                .contentType(MediaType.TEXT_PLAIN_TYPE)
                .bearerAuth(tenant.key()));
        api.get("/v1/audit-events?keyName=" + ciKey, tenant.key());
        api.get("/v1/audit-events?cursor=" + ciKey, tenant.key());
        api.put("/admin/v1/tenants/" + tenant.id() + "/plan", ciKey, "{\"plan\":\"pro\"}");
        api.get("/metrics", null);
        Thread.sleep(2_500); // let the usage counters flush, so their tables are scanned too

        Tables tables = new Tables(dataSource);
        for (String table : tables.allTables()) {
            String contents = tables.rows("SELECT * FROM " + table).toString();
            for (String key : rawKeys) {
                assertThat(contents).as("table " + table).doesNotContain(key);
            }
            assertThat(ANY_KEY.matcher(contents).find())
                    .as("key-shaped text in table " + table)
                    .isFalse();
        }
        for (String line : logs.lines()) {
            assertThat(ANY_KEY.matcher(line).find()).as("log line: " + line).isFalse();
        }
        Set<String> createdOnce = Set.copyOf(rawKeys);
        for (ApiResponse response : api.seen()) {
            var matcher = ANY_KEY.matcher(response.body());
            while (matcher.find()) {
                boolean creation = response.status() == 201 && createdOnce.contains(matcher.group());
                assertThat(creation)
                        .as("a key in a response that did not create it: " + response)
                        .isTrue();
            }
        }
        assertThat(logs.lines()).as("the log capture works").isNotEmpty();
        assertThat(api.seen()).hasSizeGreaterThan(15);
    }
}
