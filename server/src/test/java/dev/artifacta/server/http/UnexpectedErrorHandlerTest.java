package dev.artifacta.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.http.HttpRequest;
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
        var response = new UnexpectedErrorHandler()
                .handle(HttpRequest.GET("/v1/shared/" + TOKEN + "/content"), new IllegalStateException("boom"));

        assertThat(response.code()).isEqualTo(500);
        assertThat(logs.list).hasSize(1);
        String line = logs.list.get(0).getFormattedMessage();
        assertThat(line).doesNotContain(TOKEN).contains("/v1/shared/sl_live_[redacted]/content");
        assertThat(response.body().getInstance()).doesNotContain(TOKEN);
    }
}
