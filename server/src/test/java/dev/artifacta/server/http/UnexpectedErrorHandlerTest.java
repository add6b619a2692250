package dev.artifacta.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.http.HttpRequest;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class UnexpectedErrorHandlerTest {

    private static final String TOKEN = "sl_live_" + "Ab3".repeat(10) + "xy";

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(UnexpectedErrorHandler.class);

    @BeforeEach
    void capture() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logs);
    }

    @Test
    void givenA500OnAShareLinkPath_thenTheLoggedPathHidesTheToken() {
        var response = new UnexpectedErrorHandler(Duration.ofSeconds(5))
                .handle(HttpRequest.GET("/v1/shared/" + TOKEN + "/content"), new IllegalStateException("boom"));

        assertThat(response.code()).isEqualTo(500);
        assertThat(logs.list).hasSize(1);
        String line = logs.list.get(0).getFormattedMessage();
        assertThat(line).doesNotContain(TOKEN).contains("/v1/shared/sl_live_[redacted]/content");
        assertThat(response.body().getInstance()).doesNotContain(TOKEN);
    }

    @Test
    void givenTheDatabaseOutOfReach_thenEveryRequestGets503WithRetryAfter_andTheOutageIsLoggedOnce() {
        var handler = new UnexpectedErrorHandler(Duration.ofSeconds(7));
        var outage = new SQLTransientConnectionException("HikariPool-1 - Connection is not available");

        var first =
                handler.handle(HttpRequest.POST("/v1/artifacts", "{}"), new IllegalStateException("append", outage));
        var second = handler.handle(HttpRequest.GET("/v1/artifacts"), new IllegalStateException("read", outage));

        for (var response : List.of(first, second)) {
            assertThat(response.code()).isEqualTo(503);
            assertThat(response.getHeaders().get("Retry-After")).isEqualTo("7");
            assertThat(response.getContentType())
                    .hasValueSatisfying(type -> assertThat(type.toString()).isEqualTo("application/problem+json"));
            assertThat(response.body().getType()).isEqualTo(Problem.TYPE_BASE + "database-unavailable");
        }
        // One line per outage interval, a warning: an outage is not a bug to be traced request by request.
        assertThat(logs.list).hasSize(1);
        assertThat(logs.list.get(0).getLevel()).isEqualTo(Level.WARN);
    }
}
