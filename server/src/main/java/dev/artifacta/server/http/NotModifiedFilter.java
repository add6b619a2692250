package dev.artifacta.server.http;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.List;

/**
 * Answers a GET or HEAD whose {@code If-None-Match} names the response's {@code ETag} with 304 and
 * no body (RFC 9110, 13.1.2): the client already holds that representation. Only successful
 * responses that carry an ETag qualify, so a refusal or an error is never turned into a 304, and
 * every endpoint that sets an ETag gets this without code of its own. The comparison is weak
 * ({@code W/"3"} matches {@code "3"}), and {@code *} matches any current representation.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class NotModifiedFilter {

    /** Headers a 304 keeps (RFC 9110, 15.4.5); the rest describe the body it does not carry. */
    private static final List<String> REPRESENTATION_HEADERS = List.of(
            HttpHeaders.CONTENT_TYPE,
            HttpHeaders.CONTENT_LENGTH,
            HttpHeaders.CONTENT_DISPOSITION,
            HttpHeaders.CONTENT_ENCODING,
            HttpHeaders.CONTENT_LANGUAGE);

    @ResponseFilter
    public void notModified(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (!(request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD)
                || response.code() != HttpStatus.OK.getCode()) {
            return;
        }
        String etag = response.getHeaders().get(HttpHeaders.ETAG);
        List<String> ifNoneMatch = request.getHeaders().getAll(HttpHeaders.IF_NONE_MATCH);
        if (etag == null || ifNoneMatch.isEmpty() || !matches(ifNoneMatch, etag)) {
            return;
        }
        response.status(HttpStatus.NOT_MODIFIED);
        response.body(null);
        REPRESENTATION_HEADERS.forEach(response.getHeaders()::remove);
    }

    /** Whether any entity tag of the header lines matches, by weak comparison. */
    static boolean matches(List<String> ifNoneMatch, String etag) {
        String current = opaque(etag);
        for (String line : ifNoneMatch) {
            for (String tag : line.split(",")) {
                String candidate = tag.strip();
                if (candidate.equals("*")
                        || (!candidate.isEmpty() && opaque(candidate).equals(current))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
