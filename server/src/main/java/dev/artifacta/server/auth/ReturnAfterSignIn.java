package dev.artifacta.server.auth;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a browser goes back to once signed in, when a page it asked for needed a session first:
 * today only the OAuth authorization page, so an MCP client's "sign in and approve" is one trip.
 * The place is kept in a short-lived cookie and only a path of this server under {@value #ALLOWED}
 * is ever followed, so the cookie cannot send anyone elsewhere (no open redirect).
 */
public final class ReturnAfterSignIn {

    /** The cookie that holds the place to go back to. */
    public static final String COOKIE = "artifacta_return_to";

    private static final String ALLOWED = "/oauth/authorize?";
    private static final Duration LIFETIME = Duration.ofMinutes(15);

    private ReturnAfterSignIn() {}

    /** The cookie that brings the browser back to this request's path and query once signed in. */
    public static Cookie to(HttpRequest<?> request, boolean secure) {
        String query = request.getUri().getRawQuery();
        String place = request.getPath() + (query == null ? "" : "?" + query);
        return Cookie.of(
                        COOKIE,
                        Base64.getUrlEncoder().withoutPadding().encodeToString(place.getBytes(StandardCharsets.UTF_8)))
                .httpOnly(true)
                .sameSite(SameSite.Lax)
                .secure(secure)
                .path("/")
                .maxAge(LIFETIME);
    }

    /** The place the request's cookie names, if it is one a browser may be sent back to. */
    public static Optional<String> of(HttpRequest<?> request) {
        return request.getCookies().findCookie(COOKIE).map(Cookie::getValue).flatMap(value -> {
            try {
                String place = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
                return place.startsWith(ALLOWED) && place.length() < 8192 && !place.contains("\\")
                        ? Optional.of(place)
                        : Optional.empty();
            } catch (IllegalArgumentException notOurs) {
                return Optional.empty();
            }
        });
    }

    /** The cookie that forgets the place. */
    public static Cookie cleared() {
        return Cookie.of(COOKIE, "").path("/").maxAge(0);
    }
}
