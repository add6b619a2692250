package dev.artifacta.server.signin;

import dev.artifacta.events.RequestInfo;
import dev.artifacta.server.apikeys.ApiKeyViews;
import dev.artifacta.server.auth.RequestInfos;
import dev.artifacta.server.auth.ReturnAfterSignIn;
import dev.artifacta.server.auth.Sessions;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;

/**
 * The answer to a finished sign-in, whoever vouched for the person (the provider's callback or the
 * development sign-in): the session cookie ({@code HttpOnly}, {@code SameSite=Lax}, {@code Secure}
 * when the public URL is HTTPS), and then JSON for clients that ask for it, the welcome page with a
 * new workspace's first key, or a redirect to the session.
 */
@Singleton
public class SessionResponses {

    /** The answer to a finished sign-in, for clients that ask for JSON. */
    @Schema(name = "SignedIn")
    @Serdeable
    public record SignedIn(
            String userId,
            String email,
            String displayName,
            String workspace,
            String csrfToken,
            @Nullable ApiKeyViews.CreatedApiKey firstApiKey) {}

    private final SignIns signIns;
    private final Sessions sessions;
    private final boolean secureCookies;

    public SessionResponses(SignIns signIns, Sessions sessions, @Value("${artifacta.public-url:}") String publicUrl) {
        this.signIns = signIns;
        this.sessions = sessions;
        this.secureCookies = publicUrl.startsWith("https://");
    }

    boolean secureCookies() {
        return secureCookies;
    }

    /** Starts the session for a person the provider (or the development sign-in) vouched for. */
    HttpResponse<?> signedIn(HttpRequest<?> request, VerifiedPerson person, String workspace) {
        RequestInfo info = RequestInfos.of(request);
        SignIns.Outcome outcome = signIns.signIn(person, workspace, info);
        Sessions.Started started = outcome.session();
        var signedIn = new SignedIn(
                started.session().userId(),
                started.session().email(),
                started.session().displayName(),
                outcome.tenantName(),
                started.csrfToken(),
                outcome.firstKey().orElse(null));
        MutableHttpResponse<?> response;
        if (wantsJson(request)) {
            response = HttpResponse.status(outcome.firstKey().isPresent() ? HttpStatus.CREATED : HttpStatus.OK)
                    .body(signedIn)
                    .contentType(MediaType.APPLICATION_JSON_TYPE);
        } else if (outcome.firstKey().isPresent()) {
            response = HttpResponse.status(HttpStatus.CREATED)
                    .body(SignInPages.welcome(signedIn))
                    .contentType(MediaType.TEXT_HTML_TYPE);
        } else {
            // A browser lands on the console, signed in, or back on the page that sent it to sign in.
            response = HttpResponse.status(HttpStatus.SEE_OTHER)
                    .header(HttpHeaders.LOCATION, ReturnAfterSignIn.of(request).orElse("/console"))
                    .cookie(ReturnAfterSignIn.cleared());
        }
        return response.header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(
                        "Content-Security-Policy",
                        outcome.firstKey().isPresent()
                                ? SignInPages.PAGE_CONTENT_SECURITY_POLICY
                                : SignInPages.CONTENT_SECURITY_POLICY)
                .cookie(Cookie.of(Sessions.COOKIE, started.token())
                        .httpOnly(true)
                        .sameSite(SameSite.Lax)
                        .secure(secureCookies)
                        .path("/")
                        .maxAge(sessions.absoluteTimeout()))
                .cookie(Cookie.of(SignInController.STATE_COOKIE, "")
                        .path("/auth")
                        .maxAge(0));
    }

    private static boolean wantsJson(HttpRequest<?> request) {
        return request.getHeaders().accept().stream()
                .anyMatch(type -> type.getName().equals(MediaType.APPLICATION_JSON));
    }
}
