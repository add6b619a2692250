package dev.artifacta.server.auth;

import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.UUID;

/**
 * Gives every request an id: the client's {@code X-Request-Id} when it is a short safe token, else
 * a new UUID. The id is recorded with every event the request causes and echoed in the response.
 * The client's address is resolved here too, once ({@link ClientAddresses}).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(-1000)
public class RequestIdFilter {

    public static final String HEADER = "X-Request-Id";

    private final ClientAddresses clientAddresses;

    public RequestIdFilter(ClientAddresses clientAddresses) {
        this.clientAddresses = clientAddresses;
    }

    @RequestFilter
    public void assignId(HttpRequest<?> request) {
        String offered = request.getHeaders().get(HEADER);
        request.setAttribute(
                RequestInfos.REQUEST_ID_ATTRIBUTE,
                RequestInfos.isSafeRequestId(offered)
                        ? offered
                        : UUID.randomUUID().toString());
        request.setAttribute(ClientAddresses.ATTRIBUTE, clientAddresses.resolve(request));
    }

    @ResponseFilter
    public void echoId(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header(HEADER, RequestInfos.requestId(request));
    }
}
