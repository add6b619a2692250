package dev.artifacta.server.idempotency;

import dev.artifacta.command.shared.SecretText;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.auth.ClientAddresses;
import dev.artifacta.server.auth.Principals;
import dev.artifacta.server.http.Problem;
import dev.artifacta.server.http.Problems;
import dev.artifacta.server.idempotency.IdempotencyRepository.IdempotencyRecord;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterContinuation;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Named;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Idempotency keys on every POST, with the semantics payment APIs use: a POST sent with
 * {@code Idempotency-Key} claims the key (per tenant, in PostgreSQL, so on every node) before it
 * runs; its successful answer (status, body, {@code Location}, {@code ETag}, {@code Content-Type})
 * is kept for {@code artifacta.idempotency.retention} (24 h) and replayed, with
 * {@code Idempotent-Replayed: true}, to a retry with the same key and the same request (caller,
 * path, query and body). The same key with another request is 422 {@code idempotency-key-reused};
 * a retry while the first is still running is 409 {@code idempotent-request-in-progress} with
 * {@code Retry-After}. A refused or failed request gives its key up, so a retry runs anew.
 */
@ServerFilter(
        value = {"/v1/**", "/admin/**"},
        methods = HttpMethod.POST)
@Order(39_250) // ServerFilterPhase.SECURITY.after(): the caller is known
public class IdempotencyFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final String CLAIM = "artifacta.idempotency.claim";
    private static final Pattern VALID_KEY = Pattern.compile("^[\\x21-\\x7e]{1,255}$");
    private static final List<String> REPLAYED_HEADERS =
            List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.LOCATION, HttpHeaders.ETAG);

    private final IdempotencyRepository records;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration retention;
    private final Scheduler blocking;

    public IdempotencyFilter(
            IdempotencyRepository records,
            JsonMapper json,
            Clock clock,
            @Value("${artifacta.idempotency.retention:24h}") Duration retention,
            @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.records = records;
        this.json = json;
        this.clock = clock;
        this.retention = retention;
        this.blocking = Schedulers.fromExecutorService(blocking);
    }

    private record Claim(String scope, String keyHash, String key) {}

    /**
     * A request without the header goes on at once, on the thread it arrived on; only one with
     * the header moves to a blocking thread for the database.
     */
    @RequestFilter
    public Publisher<HttpResponse<?>> claim(
            HttpRequest<?> request, @Body @Nullable String body, FilterContinuation<Publisher<HttpResponse<?>>> next) {
        String key = request.getHeaders().get(HEADER);
        if (key == null) {
            return next.proceed();
        }
        return Mono.fromCallable(() -> Optional.<HttpResponse<?>>ofNullable(claim(request, body, key)))
                .subscribeOn(blocking)
                .flatMap(answer ->
                        answer.<Mono<HttpResponse<?>>>map(Mono::just).orElseGet(() -> Mono.from(next.proceed())));
    }

    @Nullable
    private HttpResponse<?> claim(HttpRequest<?> request, @Nullable String body, String key) {
        if (!VALID_KEY.matcher(key).matches()) {
            return Problems.response(
                    request,
                    Problem.of(
                            "invalid-idempotency-key",
                            "Bad request",
                            400,
                            "An Idempotency-Key is 1 to 255 visible ASCII characters; a random UUID is a good one."));
        }
        Principal principal = Principals.of(request);
        String scope = principal.inTenant().orElse("anonymous");
        String caller = principal.type() + ":" + principal.actor().id()
                + (principal.inTenant().isEmpty() ? "@" + ClientAddresses.of(request) : "");
        String keyHash = sha256(scope + "\n" + key);
        String fingerprint = sha256(
                caller + "\n" + request.getMethodName() + " " + request.getUri() + "\n" + (body == null ? "" : body));
        Instant now = clock.instant();
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                records.claim(scope, keyHash, fingerprint, now, now.plus(retention));
                request.setAttribute(CLAIM, new Claim(scope, keyHash, key));
                return null;
            } catch (DataAccessException taken) {
                Optional<IdempotencyRecord> existing = records.find(scope, keyHash);
                if (existing.isEmpty()) {
                    continue; // given up meanwhile: claim it again
                }
                IdempotencyRecord record = existing.get();
                if (!record.expiresAt().isAfter(now)) {
                    records.deleteIfExpired(scope, keyHash, now);
                    continue;
                }
                if (!record.fingerprint().equals(fingerprint)) {
                    return reused(
                            request,
                            "This Idempotency-Key was used for a different request (another caller, path or body) in"
                                    + " the last " + retention.toHours()
                                    + " hours: send a new request with a new key.");
                }
                if (!"completed".equals(record.state())) {
                    return inProgress(request, record, now);
                }
                return replay(request, record, key);
            }
        }
        throw new IllegalStateException("the Idempotency-Key could not be claimed");
    }

    /** Keeps the answer of a claimed request (on a blocking thread); any other answer passes at once. */
    @ResponseFilter
    public Publisher<MutableHttpResponse<?>> remember(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Optional<Claim> claim = request.getAttribute(CLAIM, Claim.class);
        if (claim.isEmpty()) {
            return Mono.just(response);
        }
        request.removeAttribute(CLAIM, Claim.class);
        return Mono.<MutableHttpResponse<?>>fromCallable(() -> {
                    remember(claim.get(), response);
                    return response;
                })
                .subscribeOn(blocking);
    }

    private void remember(Claim c, MutableHttpResponse<?> response) {
        byte[] body = response.code() < 400 ? bodyOf(response) : null;
        if (body == null) {
            records.release(c.scope(), c.keyHash());
            return;
        }
        var headers = new LinkedHashMap<String, String>();
        for (String name : REPLAYED_HEADERS) {
            response.getHeaders().getFirst(name).ifPresent(value -> headers.put(name, value));
        }
        if (!headers.containsKey(HttpHeaders.CONTENT_TYPE) && body.length > 0) {
            headers.put(
                    HttpHeaders.CONTENT_TYPE,
                    response.getContentType().map(Object::toString).orElse("application/json"));
        }
        boolean secret = SecretText.containsKey(body);
        records.complete(
                c.scope(),
                c.keyHash(),
                response.code(),
                write(headers),
                secret ? ReplayCipher.encrypt(c.key(), c.scope(), body) : body,
                secret);
    }

    /** Expired records go; a lookup also ignores them, so this only bounds the table. */
    @Scheduled(fixedDelay = "${artifacta.idempotency.purge-interval:1h}", initialDelay = "5m")
    void purge() {
        records.purgeExpired(clock.instant());
    }

    private HttpResponse<?> replay(HttpRequest<?> request, IdempotencyRecord record, String key) {
        byte[] body;
        try {
            body = record.encrypted() ? ReplayCipher.decrypt(key, record.scope(), record.body()) : record.body();
        } catch (GeneralSecurityException e) {
            // Only the same key opens it, and the same key found it: the record is damaged.
            return reused(
                    request,
                    "The answer kept for this Idempotency-Key cannot be replayed: send a new request with a new key.");
        }
        MutableHttpResponse<byte[]> replayed =
                HttpResponse.<byte[]>status(HttpStatus.valueOf(record.status())).body(body);
        read(record.headers()).forEach(replayed::header);
        replayed.header(REPLAYED, "true");
        return replayed;
    }

    private static HttpResponse<?> reused(HttpRequest<?> request, String detail) {
        return Problems.response(request, Problem.of("idempotency-key-reused", "Idempotency-Key reused", 422, detail));
    }

    private static HttpResponse<?> inProgress(HttpRequest<?> request, IdempotencyRecord record, Instant now) {
        boolean abandoned = Duration.between(record.createdAt(), now).compareTo(Duration.ofMinutes(5)) > 0;
        String detail = abandoned
                ? "The first request with this Idempotency-Key did not finish (the server may have stopped); it may or"
                        + " may not have taken effect. Check, then send a new request with a new key."
                : "A request with this Idempotency-Key is still running: retry in a moment.";
        return Problems.response(request, Problem.of("idempotent-request-in-progress", "Conflict", 409, detail))
                .header(HttpHeaders.RETRY_AFTER, "1");
    }

    private byte[] bodyOf(MutableHttpResponse<?> response) {
        Object body = response.getBody().orElse(null);
        try {
            return switch (body) {
                case null -> new byte[0];
                case byte[] bytes -> bytes;
                case CharSequence text -> text.toString().getBytes(StandardCharsets.UTF_8);
                case org.reactivestreams.Publisher<?> stream -> null; // not kept: a retry runs anew
                case java.io.InputStream stream -> null;
                default -> json.writeValueAsBytes(body);
            };
        } catch (IOException e) {
            return null;
        }
    }

    private String write(Map<String, String> headers) {
        try {
            return new String(json.writeValueAsBytes(headers), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> read(String headers) {
        if (headers == null) {
            return Map.of();
        }
        try {
            return json.readValue(headers, Map.class);
        } catch (IOException e) {
            return Map.of();
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
