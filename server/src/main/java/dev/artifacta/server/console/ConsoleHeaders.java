package dev.artifacta.server.console;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * The console's response headers. Its pages load scripts, styles and images from this server only
 * and run no inline script or style (so an injected {@code <script>} or {@code style=} does
 * nothing), may not be framed, and post forms only here. Pages are not cached (a new key's secret
 * or a share link's URL is in one, once) and send no path as referrer (a share link's page has its
 * token in its URL).
 */
@ServerFilter({"/console", "/console/**"})
public class ConsoleHeaders {

    /** The console's Content-Security-Policy. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";

    @ResponseFilter
    public void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
        apply(response, CONTENT_SECURITY_POLICY, !request.getPath().startsWith("/console/assets/"));
    }

    /**
     * The console's headers on a page served outside {@code /console} too (the OAuth consent
     * page), with its own policy where it must differ.
     */
    public static <T> MutableHttpResponse<T> apply(
            MutableHttpResponse<T> response, String contentSecurityPolicy, boolean noStore) {
        response.header("Content-Security-Policy", contentSecurityPolicy);
        response.header("X-Content-Type-Options", "nosniff");
        // Only the origin, never a path (a share link's page has its token in its path). Not
        // no-referrer: with it Chromium sends "Origin: null" on form posts, which the server
        // refuses as a cross-origin request to localhost.
        response.header("Referrer-Policy", "strict-origin");
        response.header("X-Frame-Options", "DENY");
        if (noStore) {
            response.header(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        return response;
    }
}
