package dev.artifacta.server.processing.rebuild;

import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;

/** One rebuild's progress, written by the thread that runs it and read by requests and gauges. */
final class RebuildTracker {

    private final String view;
    private final String method;
    private volatile String status = RebuildProgress.QUEUED;
    private volatile Instant startedAt;
    private volatile @Nullable Instant finishedAt;
    private volatile long done;
    private volatile long total;
    private volatile double rate;
    private volatile @Nullable String error;

    RebuildTracker(String view, String method, Instant queuedAt) {
        this.view = view;
        this.method = method;
        this.startedAt = queuedAt;
    }

    String method() {
        return method;
    }

    void begin(Instant at, long head) {
        startedAt = at;
        total = head;
        status = RebuildProgress.RUNNING;
    }

    void status(String next) {
        status = next;
    }

    void progress(long applied, long head, Instant at) {
        done = applied;
        total = head;
        double seconds = Duration.between(startedAt, at).toMillis() / 1000.0;
        rate = seconds <= 0 ? 0 : applied / seconds;
    }

    void finish(String outcome, @Nullable String why, Instant at) {
        error = why;
        finishedAt = at;
        status = outcome;
    }

    Duration elapsed(Instant now) {
        return Duration.between(startedAt, now);
    }

    RebuildProgress snapshot() {
        String current = status;
        Double eta = RebuildProgress.RUNNING.equals(current) && rate > 0 ? Math.max(0, total - done) / rate : null;
        return new RebuildProgress(view, current, method, startedAt, finishedAt, done, total, rate, eta, error);
    }

    /** The root cause of a failure, as the progress reports it. */
    static String describe(@Nullable Throwable error) {
        if (error == null) {
            return "unknown error; see the server log";
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        return root.getClass().getName() + message;
    }
}
