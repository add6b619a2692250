package dev.artifacta.server.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Every log line written while it is open, with our own code at DEBUG, for tests that scan the
 * logs for secrets. Start it before the test class's requests and close it after them.
 */
public final class CapturedLogs implements AutoCloseable {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Level previousLevel;

    private CapturedLogs() {
        Logger ours = ours();
        previousLevel = ours.getLevel();
        ours.setLevel(Level.DEBUG);
        appender.start();
        root().addAppender(appender);
    }

    public static CapturedLogs start() {
        return new CapturedLogs();
    }

    /** Each captured line: its message and, when it has one, its exception's message. */
    public List<String> lines() {
        synchronized (appender.list) {
            return appender.list.stream()
                    .map(event -> event.getFormattedMessage() + " "
                            + (event.getThrowableProxy() == null
                                    ? ""
                                    : event.getThrowableProxy().getMessage()))
                    .toList();
        }
    }

    @Override
    public void close() {
        root().detachAppender(appender);
        ours().setLevel(previousLevel);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    }

    private static Logger ours() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("dev.artifacta");
    }
}
