package dev.artifacta.server.http;

import io.micronaut.context.annotation.Primary;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns every error Micronaut itself produces (unknown route, wrong method, unreadable JSON, body too
 * large, unsupported media type…) into an {@code application/problem+json} body. Two corrections on
 * the way: a body that could not be read says which field is wrong and how, in the API's terms
 * ({@link JsonErrors}), and a request whose headers (or request line) are too long gets 431 (414),
 * not the 413 Micronaut gives every frame that is too long.
 */
@Singleton
@Primary
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    /** The request id header (dev.artifacta.server.auth.RequestIdFilter, which this package does not see). */
    private static final String REQUEST_ID = "X-Request-Id";

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        Optional<HttpStatus> tooLong = response.code() == 413 ? tooLongPart(context.getRequest()) : Optional.empty();
        tooLong.ifPresent(response::status);
        int status = response.code();
        String detail = tooLong.map(part -> part == HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                        ? "The request's headers are larger than this server accepts."
                        : "The request line (method and URI) is longer than this server accepts.")
                .or(() -> context.getRootCause().filter(cause -> status == 400).flatMap(JsonErrors::describe))
                .orElseGet(() -> context.hasErrors()
                        ? context.getErrors().stream().map(Error::getMessage).collect(Collectors.joining("; "))
                        : response.reason());
        Problem problem = Problem.of(slug(status), title(status), status, detail)
                .at(context.getRequest().getPath());
        if (undecodable(context.getRequest())) {
            // Netty refused the request before any filter ran, so the request id filter never saw it;
            // every response carries an id all the same (docs/api.md).
            response.header(REQUEST_ID, UUID.randomUUID().toString());
        }
        return ((MutableHttpResponse<Problem>) response).body(problem).contentType(MediaType.of(Problem.CONTENT_TYPE));
    }

    private static boolean undecodable(HttpRequest<?> request) {
        return request instanceof NettyHttpRequest<?> netty
                && netty.getNativeRequest().decoderResult().isFailure();
    }

    /** 431 or 414 when Netty refused the request for its headers or its request line. */
    private static Optional<HttpStatus> tooLongPart(HttpRequest<?> request) {
        if (!(request instanceof NettyHttpRequest<?> netty)) {
            return Optional.empty();
        }
        Throwable cause = netty.getNativeRequest().decoderResult().cause();
        if (cause instanceof TooLongHttpHeaderException) {
            return Optional.of(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);
        }
        if (cause instanceof TooLongHttpLineException) {
            return Optional.of(HttpStatus.REQUEST_URI_TOO_LONG);
        }
        return Optional.empty();
    }

    private static String slug(int status) {
        return switch (status) {
            case 400 -> "malformed-request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 411 -> "length-required";
            case 413 -> "payload-too-large";
            case 414 -> "uri-too-long";
            case 415 -> "unsupported-media-type";
            case 422 -> "invalid-request";
            case 429 -> "too-many-requests";
            case 431 -> "request-header-fields-too-large";
            default -> status >= 500 ? "internal-error" : "http-" + status;
        };
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Authentication required";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 409 -> "Conflict";
            case 411 -> "Length required";
            case 413 -> "Payload too large";
            case 414 -> "URI too long";
            case 415 -> "Unsupported media type";
            case 422 -> "Invalid request";
            case 429 -> "Too many requests";
            case 431 -> "Request header fields too large";
            default -> status >= 500 ? "Internal error" : "HTTP " + status;
        };
    }
}
