package dev.artifacta.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.artifacta.server.testing.ApiTest;
import dev.artifacta.server.testing.Tables;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Access-token, code and refresh-token rows go a day after they expire; usable ones stay. */
@MicronautTest(transactional = false)
class OAuthPurgeIT extends ApiTest {

    @Inject
    DataSource dataSource;

    @Inject
    OAuthPurge purge;

    @Test
    void givenLongExpiredAndLiveTokens_whenPurged_thenOnlyTheLongExpiredOnesGo() {
        Tables tables = new Tables(dataSource);
        Instant now = Instant.now();
        Instant old = now.minus(Duration.ofDays(3));
        Instant recent = now.minus(Duration.ofHours(2));
        Instant later = now.plus(Duration.ofMinutes(10));
        for (var token : new Object[][] {{"old", old}, {"recent", recent}, {"live", later}}) {
            tables.execute("INSERT INTO oauth_access_token (token_id, client_id, tenant_id, scopes, issued_at,"
                    + " expires_at) VALUES ('" + token[0] + "', 'c', 't', 'artifacts:read', '" + old + "', '"
                    + token[1] + "')");
            tables.execute("INSERT INTO oauth_authorization_code (code_sha256, grant_id, client_id, tenant_id,"
                    + " user_id, scopes, redirect_uri, code_challenge, created_at, expires_at) VALUES ('"
                    + String.format("%64s", token[0]).replace(' ', '0') + "', 'g', 'c', 't', 'u', 's',"
                    + " 'http://127.0.0.1/cb', 'x', '" + old + "', '" + token[1] + "')");
            tables.execute("INSERT INTO oauth_refresh_token (token_sha256, grant_id, client_id, tenant_id, user_id,"
                    + " scopes, issued_at, expires_at) VALUES ('"
                    + String.format("%64s", token[0]).replace(' ', '0')
                    + "', 'g', 'c', 't', 'u', 's', '" + old + "', '" + token[1] + "')");
        }

        long deleted = purge.purge();

        assertThat(deleted).isEqualTo(3);
        assertThat(tables.rows("SELECT token_id FROM oauth_access_token").toString())
                .contains("recent", "live")
                .doesNotContain("old");
        assertThat(tables.rows("SELECT code_sha256 FROM oauth_authorization_code"))
                .hasSize(2);
        assertThat(tables.rows("SELECT token_sha256 FROM oauth_refresh_token")).hasSize(2);
    }
}
