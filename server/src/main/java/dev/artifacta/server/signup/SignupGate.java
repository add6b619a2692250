package dev.artifacta.server.signup;

import dev.artifacta.server.auth.RequestInfos;
import dev.artifacta.server.http.Problem;
import dev.artifacta.server.http.Problems;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.Map;

/**
 * Limits before work on the one write anyone may attempt without a key. Decided from the headers
 * alone, before a byte of the body is read: an address over its signup rate gets 429 with
 * {@code Retry-After}; a body announced larger than {@code artifacta.signup.max-body-bytes} gets 413;
 * a body without a Content-Length (chunked) gets 411, since its size is known only once it is read.
 * A signup is two short fields, so the cap is far below the 40 MB other routes accept: four
 * concurrent 39 MB signups used to hold the server's buffers and stall unrelated requests.
 */
@ServerFilter("/v1/signup")
@Order(-500) // after the request id, before authentication: nothing is worth doing for a refused signup
public class SignupGate {

    private final SignupRateLimit rateLimit;
    private final long maxBodyBytes;

    public SignupGate(SignupRateLimit rateLimit, @Value("${artifacta.signup.max-body-bytes:16384}") long maxBodyBytes) {
        this.rateLimit = rateLimit;
        this.maxBodyBytes = maxBodyBytes;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> limit(HttpRequest<?> request) {
        var wait = rateLimit.attempt(RequestInfos.of(request).clientAddress());
        if (wait.isPresent()) {
            return Problems.response(
                    request,
                    Problem.of(
                            "too-many-signups",
                            "Too many requests",
                            429,
                            "Too many signups from this address; try again in " + wait.getAsLong() + " seconds."),
                    Map.of(HttpHeaders.RETRY_AFTER, Long.toString(wait.getAsLong())));
        }
        String length = request.getHeaders().get(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            if (request.getHeaders().contains(HttpHeaders.TRANSFER_ENCODING)) {
                return Problems.response(
                        request,
                        Problem.of(
                                "length-required",
                                "Length required",
                                411,
                                "A signup needs a Content-Length of at most " + maxBodyBytes + " bytes."));
            }
            return null;
        }
        long declared;
        try {
            declared = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Problems.response(
                    request,
                    Problem.of("malformed-request", "Bad request", 400, "The Content-Length is not a number."));
        }
        if (declared > maxBodyBytes) {
            return Problems.response(
                    request,
                    Problem.of(
                            "payload-too-large",
                            "Payload too large",
                            413,
                            "A signup body may be at most " + maxBodyBytes + " bytes."));
        }
        return null;
    }
}
