package dev.artifacta.server.auth;

import dev.artifacta.command.shared.SecretText;
import dev.artifacta.events.RequestInfo;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import java.util.regex.Pattern;

/** Reads the request facts recorded with every command: request id, client address, user agent. */
public final class RequestInfos {

    static final String REQUEST_ID_ATTRIBUTE = "artifacta.requestId";
    private static final Pattern SAFE_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");
    private static final int MAX_USER_AGENT = 512;

    private RequestInfos() {}

    public static RequestInfo of(HttpRequest<?> request) {
        String userAgent = request.getHeaders().get(HttpHeaders.USER_AGENT);
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT) {
            userAgent = userAgent.substring(0, MAX_USER_AGENT);
        }
        // A pasted key must not reach an event, which can never be deleted.
        userAgent = SecretText.redact(userAgent);
        return new RequestInfo(requestId(request), ClientAddresses.of(request), userAgent);
    }

    public static String requestId(HttpRequest<?> request) {
        return request.getAttribute(REQUEST_ID_ATTRIBUTE, String.class).orElse("unknown");
    }

    static boolean isSafeRequestId(String candidate) {
        return candidate != null && SAFE_ID.matcher(candidate).matches() && !SecretText.containsKey(candidate);
    }
}
