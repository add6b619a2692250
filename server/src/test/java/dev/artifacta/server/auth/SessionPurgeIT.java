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

/** Session rows go 30 days after their end or absolute expiry; usable sessions stay. */
@MicronautTest(transactional = false)
class SessionPurgeIT extends ApiTest {

    @Inject
    DataSource dataSource;

    @Inject
    SessionPurge purge;

    @Test
    void givenOldEndedExpiredAndLiveSessions_whenPurged_thenOnlyTheOldOnesGo() {
        Tables tables = new Tables(dataSource);
        Instant now = Instant.now();
        insert(
                tables,
                "ended-long-ago",
                now.minus(Duration.ofDays(40)),
                now.minus(Duration.ofDays(39)),
                "'signed_out'");
        insert(tables, "expired-long-ago", now.minus(Duration.ofDays(40)), null, "NULL");
        insert(
                tables,
                "ended-yesterday",
                now.minus(Duration.ofDays(1)),
                now.minus(Duration.ofHours(20)),
                "'signed_out'");
        insert(tables, "live", now.minus(Duration.ofHours(1)), null, "NULL");

        long deleted = purge.purge();

        assertThat(deleted).isEqualTo(2);
        assertThat(tables.rows("SELECT session_id FROM user_session ORDER BY session_id")
                        .toString())
                .contains("ended-yesterday", "live")
                .doesNotContain("ended-long-ago", "expired-long-ago");
    }

    private static void insert(Tables tables, String id, Instant created, Instant ended, String reason) {
        Instant absolute = created.plus(Duration.ofHours(12));
        tables.execute("INSERT INTO user_session (session_id, token_sha256, tenant_id, user_id, email, display_name,"
                + " issuer, created_at, last_seen_at, absolute_expires_at, ended_at, end_reason) VALUES ('" + id
                + "', '" + String.format("%64s", id).replace(' ', '0') + "', 't', 'u', 'a@b.example', 'A', 'dev', '"
                + created + "', '" + created + "', '" + absolute + "', " + (ended == null ? "NULL" : "'" + ended + "'")
                + ", " + reason + ")");
    }
}
