package dev.artifacta.server.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.List;
import java.util.Map;

/**
 * Refuses, from the request line and headers alone, what no route can handle: a query parameter
 * with a NUL character (400: no column can hold it, and a query that carried it failed with 500),
 * and a body without a {@code Content-Type} (415: Micronaut would take it for JSON, so a client
 * that forgot the header got its bytes read as if it had said so).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(-900) // after the request id, before anything that reads the request
public class RequestShapeFilter {

    @RequestFilter
    @Nullable
    public HttpResponse<?> check(HttpRequest<?> request) {
        for (Map.Entry<String, List<String>> parameter : request.getParameters()) {
            for (String value : parameter.getValue()) {
                if (value.indexOf('\u0000') >= 0) {
                    return Problems.response(
                            request,
                            Problem.of(
                                    "malformed-request",
                                    "Bad request",
                                    400,
                                    "Query parameter '" + safeName(parameter.getKey())
                                            + "' contains a NUL character."));
                }
            }
        }
        HttpHeaders headers = request.getHeaders();
        if (hasBody(headers) && headers.get(HttpHeaders.CONTENT_TYPE) == null) {
            return Problems.response(
                    request,
                    Problem.of(
                            "unsupported-media-type",
                            "Unsupported media type",
                            415,
                            "The request has a body but no Content-Type; send Content-Type: application/json."));
        }
        return null;
    }

    private static boolean hasBody(HttpHeaders headers) {
        String length = headers.get(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return !length.trim().equals("0");
        }
        return headers.contains(HttpHeaders.TRANSFER_ENCODING);
    }

    /** The parameter's name as the problem quotes it: printable ASCII only, and short. */
    private static String safeName(String name) {
        String printable = name.replaceAll("[^\\x21-\\x7e]", "?");
        return printable.length() > 64 ? printable.substring(0, 64) + "…" : printable;
    }
}
