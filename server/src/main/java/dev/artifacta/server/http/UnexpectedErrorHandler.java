package dev.artifacta.server.http;

import dev.artifacta.command.shared.Rejection;
import dev.artifacta.command.shared.SecretText;
import dev.artifacta.server.processing.store.DatabaseUnavailable;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last line: looks through the cause chain for something the client can act on (a rejection,
 * a missing aggregate, a concurrent change, a unique constraint, the database out of reach) and
 * answers with its problem. Only what remains is a 500, logged here with the request id and
 * answered without internals.
 *
 * <p>While the database cannot be reached ({@link DatabaseUnavailable}) every request that needs
 * it gets 503 {@code database-unavailable} with {@code Retry-After}
 * ({@code artifacta.database.retry-after}); an outage fails every request alike, so it is logged
 * as one line at most every {@link #OUTAGE_LOG_INTERVAL}, with how many were answered so.
 */
@Singleton
public class UnexpectedErrorHandler implements ExceptionHandler<Exception, HttpResponse<Problem>> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorHandler.class);
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String CHARACTER_NOT_IN_REPERTOIRE = "22021";
    static final Duration OUTAGE_LOG_INTERVAL = Duration.ofSeconds(10);

    private final long retryAfterSeconds;
    private final AtomicLong nextOutageLog = new AtomicLong(System.nanoTime());
    private final AtomicLong outagesSinceLog = new AtomicLong();

    public UnexpectedErrorHandler(@Value("${artifacta.database.retry-after:5s}") Duration retryAfter) {
        this.retryAfterSeconds = Math.max(1, retryAfter.toSeconds());
    }

    @Override
    @SuppressWarnings("rawtypes") // Micronaut's ExceptionHandler declares the raw type.
    public HttpResponse<Problem> handle(HttpRequest request, Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProblemException problem) {
                return Problems.response(request, problem.problem(), problem.headers());
            }
            if (cause instanceof Rejection rejection) {
                return Problems.response(request, RejectionHandler.toProblem(rejection));
            }
            if (cause instanceof AggregateNotFoundException || cause instanceof IncompatibleAggregateException) {
                return Problems.response(
                        request, Problem.of("not-found", "Not found", 404, "The resource does not exist."));
            }
            if (cause instanceof ConcurrencyException) {
                return Problems.response(
                        request,
                        Problem.of(
                                "concurrent-modification",
                                "Conflict",
                                409,
                                "The resource was changed by another request at the same time; retry."));
            }
            if (DatabaseUnavailable.is(cause)) {
                return databaseUnavailable(request, cause);
            }
            if (cause instanceof SQLException sql && CHARACTER_NOT_IN_REPERTOIRE.equals(sql.getSQLState())) {
                // Text the database cannot store (a NUL in a query parameter that reached a query).
                return Problems.response(
                        request,
                        Problem.of(
                                "malformed-request",
                                "Bad request",
                                400,
                                "The request contains a character the database cannot store (NUL)."));
            }
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                String message = String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT);
                if (message.contains("uq_tenant_registry_name")) {
                    // Two signups raced for one name; the loser hears what a later one would.
                    return Problems.response(
                            request,
                            Problem.of("tenant-name-taken", "Conflict", 409, "The tenant name is already taken."));
                }
                if (message.contains("uq_credential_registry_active_name")) {
                    return Problems.response(
                            request,
                            Problem.of(
                                    "api-key-name-taken", "Conflict", 409, "An active API key already has that name."));
                }
                return Problems.response(
                        request,
                        Problem.of(
                                "conflict",
                                "Conflict",
                                409,
                                "The request conflicts with a concurrent one (a name or id already taken); retry."));
            }
        }
        String requestId =
                request.getAttribute("artifacta.requestId", String.class).orElse("unknown");
        // A share link's path carries its token: the log gets the path with the token masked.
        LOG.error(
                "Unexpected error on {} {} (request {})",
                request.getMethodName(),
                SecretText.redact(request.getPath()),
                requestId,
                exception);
        return Problems.response(
                request,
                Problem.of(
                                "internal-error",
                                "Internal error",
                                500,
                                "Something went wrong on our side. Quote the request id when reporting it.")
                        .with("requestId", requestId));
    }

    @SuppressWarnings("rawtypes")
    private HttpResponse<Problem> databaseUnavailable(HttpRequest request, Throwable cause) {
        String requestId =
                request.getAttribute("artifacta.requestId", String.class).orElse("unknown");
        outagesSinceLog.incrementAndGet();
        long next = nextOutageLog.get();
        long now = System.nanoTime();
        if (now - next >= 0 && nextOutageLog.compareAndSet(next, now + OUTAGE_LOG_INTERVAL.toNanos())) {
            long answered = outagesSinceLog.getAndSet(0);
            LOG.warn(
                    "Database unavailable: answered 503 to {} request(s) since the last such line, the latest {} {}"
                            + " (request {}): {}",
                    answered,
                    request.getMethodName(),
                    SecretText.redact(request.getPath()),
                    requestId,
                    cause.toString());
        }
        return Problems.response(
                request,
                Problem.of(
                                "database-unavailable",
                                "Service unavailable",
                                503,
                                "The database cannot be reached at the moment. Retry after the number of seconds"
                                        + " in Retry-After; a write answered this way may or may not have been"
                                        + " applied, so read before repeating it.")
                        .with("requestId", requestId),
                Map.of(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds)));
    }
}
