package dev.artifacta.server.processing.rebuild;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * How far a rebuild of a view has come on the node that runs it.
 *
 * @param status {@code queued} (waiting for the rebuild of the view before it), {@code running} (the copy is being built), {@code switching} (the copy has caught up
 *     and replaces the live view), {@code completed} or {@code failed} (the live view is untouched;
 *     {@code error} says why)
 * @param method {@code copy} (built beside the live view, switched over atomically) or {@code
 *     in-place} (the embedded H2 default and the in-transaction lookups: the view is rebuilt where it is)
 * @param eventsDone the position the copy has applied up to (every event at or below it)
 * @param eventsTotal the head of the event store at the last measurement
 * @param eventsPerSecond events applied per second since the rebuild started
 * @param etaSeconds the remaining events at that rate; absent before the first measurement and once
 *     finished
 */
@Schema(name = "RebuildProgress")
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RebuildProgress(
        String view,
        String status,
        String method,
        Instant startedAt,
        @Nullable Instant finishedAt,
        long eventsDone,
        long eventsTotal,
        double eventsPerSecond,
        @Nullable Double etaSeconds,
        @Nullable String error) {

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String SWITCHING = "switching";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    /** Whether the rebuild is still going (queued, running or switching). */
    public boolean active() {
        return QUEUED.equals(status) || RUNNING.equals(status) || SWITCHING.equals(status);
    }
}
