package dev.artifacta.server.console;

import dev.artifacta.command.shared.Rejection;
import dev.artifacta.command.shared.SecretText;
import dev.artifacta.events.ApiScope;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.auth.Principals;
import dev.artifacta.server.auth.SessionAuthenticationFetcher;
import dev.artifacta.server.auth.Sessions;
import dev.artifacta.server.http.ProblemException;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.views.thymeleaf.ThymeleafViewsRenderer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What every console page shares: who is signed in (only a session's person may use the console;
 * an API key is never asked for, nor kept, by the browser), the layout's model (the workspace, the
 * navigation, the CSRF token each form carries in its hidden {@value
 * SessionAuthenticationFetcher#CSRF_FIELD} field), and the answers for a signed-out browser.
 */
@Singleton
public class ConsolePages {

    private final ThymeleafViewsRenderer<Map<String, Object>> views;
    private final boolean devSignIn;
    private final boolean oidc;

    public ConsolePages(
            ThymeleafViewsRenderer<Map<String, Object>> views,
            @Value("${artifacta.auth.dev-sign-in:false}") boolean devSignIn,
            @Value("${artifacta.auth.oidc.issuer:}") String issuer) {
        this.views = views;
        this.devSignIn = devSignIn;
        this.oidc = !issuer.isBlank();
    }

    /**
     * The template rendered here, before the answer starts: a template that fails is a 500 with the
     * request id, not a connection that never finishes.
     */
    public MutableHttpResponse<String> html(HttpRequest<?> request, String view, Map<String, Object> values) {
        StringWriter out = new StringWriter();
        try {
            views.render(view, values, request).writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HttpResponse.ok(out.toString()).contentType(MediaType.TEXT_HTML_TYPE.getName() + ";charset=utf-8");
    }

    /** The signed-in person, when the request came with a valid session. */
    public Optional<Principal.User> user(HttpRequest<?> request) {
        return Principals.of(request) instanceof Principal.User user
                        && request.getCookies().contains(Sessions.COOKIE)
                ? Optional.of(user)
                : Optional.empty();
    }

    /** The page, or the sign-in page for a browser that is not signed in. */
    public MutableHttpResponse<?> render(
            HttpRequest<?> request,
            String view,
            String title,
            String section,
            java.util.function.Function<Principal.User, Map<String, Object>> model) {
        Optional<Principal.User> user = user(request);
        if (user.isEmpty()) {
            return signIn(request);
        }
        Map<String, Object> values = new HashMap<>(layout(request, user.get(), title, section));
        values.putAll(model.apply(user.get()));
        return html(request, view, values);
    }

    /** A page for a signed-in person. */
    public MutableHttpResponse<?> page(
            HttpRequest<?> request,
            Principal.User user,
            String view,
            String title,
            String section,
            Map<String, Object> model) {
        Map<String, Object> values = new HashMap<>(layout(request, user, title, section));
        values.putAll(model);
        return html(request, view, values);
    }

    /** The layout's model for a signed-in person. */
    public Map<String, Object> layout(HttpRequest<?> request, Principal.User user, String title, String section) {
        String token = request.getCookies()
                .findCookie(Sessions.COOKIE)
                .map(Cookie::getValue)
                .orElseThrow();
        Map<String, Object> values = new HashMap<>();
        values.put("title", title);
        values.put("section", section);
        values.put("user", user);
        values.put("workspace", user.tenant());
        values.put("role", user.role().name().toLowerCase(java.util.Locale.ROOT));
        values.put("csrf", Sessions.csrfTokenOf(token));
        values.put("canAudit", user.role().scopes().contains(ApiScope.AUDIT_READ.value()));
        values.put("canManageAgents", user.role().scopes().contains(ApiScope.AGENTS_MANAGE.value()));
        values.put("csrfField", SessionAuthenticationFetcher.CSRF_FIELD);
        return values;
    }

    /** The sign-in page: links to the provider's sign-in and, when on, the development sign-in. */
    public MutableHttpResponse<?> signIn(HttpRequest<?> request) {
        Map<String, Object> values = new HashMap<>();
        values.put("title", "Sign in");
        values.put("oidc", oidc);
        values.put("devSignIn", devSignIn);
        return html(request, "console/signin", values);
    }

    /** After a form that changed something: back to a page with GET (post/redirect/get). */
    static MutableHttpResponse<?> seeOther(String location) {
        return HttpResponse.status(HttpStatus.SEE_OTHER)
                .header(HttpHeaders.LOCATION, URI.create(location).toString());
    }

    /**
     * A refusal a form shows on its page, in the words of its problem's detail. A denial the audit
     * trail records ({@code access.denied}: a role, scope or plan refusal) is rethrown, so the
     * API's handlers record it exactly as for the API.
     */
    public static Refusal refusal(RuntimeException e) {
        return switch (e) {
            case ProblemException problem
            when problem.denialReason().isEmpty() ->
                new Refusal(
                        problem.problem().getStatus(),
                        problem.problem().getDetail() == null
                                ? problem.problem().getTitle()
                                : problem.problem().getDetail());
            case Rejection rejection
            when rejection.kind() != Rejection.Kind.FORBIDDEN ->
                new Refusal(
                        switch (rejection.kind()) {
                            case NOT_FOUND -> 404;
                            case CONFLICT -> 409;
                            case PRECONDITION_FAILED -> 412;
                            default -> 422;
                        },
                        SecretText.redact(rejection.detail()));
            default -> throw e;
        };
    }

    /** What a form's page says when the use case refused: the status and the reason. */
    public record Refusal(int status, String message) {}
}
