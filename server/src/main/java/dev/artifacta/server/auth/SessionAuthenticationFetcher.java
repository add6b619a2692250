package dev.artifacta.server.auth;

import dev.artifacta.server.http.Problem;
import dev.artifacta.server.http.ProblemException;
import dev.artifacta.server.http.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.server.filter.FilterBodyParser;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The session authentication source: a request that carries the {@code artifacta_session} cookie
 * (and no API key, which always wins) is the signed-in person's {@link
 * dev.artifacta.server.access.Principal.User}. The session is read from the database on every
 * request (no cache), so a sign-out or a removal from the workspace holds on every node at once.
 * A request that changes something must also carry the session's CSRF token in {@code
 * X-CSRF-Token}, or, for an HTML form (the console's, sign-out's), in the hidden form field {@value
 * #CSRF_FIELD}; API keys never need one (a browser does not send them on its own).
 */
@Singleton
public class SessionAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    /** The hidden field that carries the CSRF token in a form the console renders. */
    public static final String CSRF_FIELD = "_csrf";

    private final Sessions sessions;
    private final MeterRegistry meters;
    private final Scheduler blocking;
    private final FilterBodyParser forms;

    public SessionAuthenticationFetcher(
            Sessions sessions,
            MeterRegistry meters,
            @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
            FilterBodyParser forms) {
        this.sessions = sessions;
        this.meters = meters;
        this.blocking = Schedulers.fromExecutorService(blocking);
        this.forms = forms;
    }

    static boolean appliesTo(HttpRequest<?> request) {
        String path = request.getPath();
        return request.getCookies().contains(Sessions.COOKIE)
                && !request.getHeaders().contains(HttpHeaders.AUTHORIZATION)
                && !request.getHeaders().contains(ApiKeyAuthenticationFetcher.API_KEY_HEADER)
                && !path.startsWith("/v1/shared/")
                && !path.startsWith("/console/shared/")
                && !path.equals("/v1/signup")
                && !path.startsWith("/auth/callback")
                && !path.startsWith("/auth/login")
                && !path.startsWith("/auth/dev");
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        if (!appliesTo(request)) {
            return Mono.empty();
        }
        if (SAFE.contains(request.getMethod())
                || request.getHeaders().contains(Sessions.CSRF_HEADER)
                || !isForm(request)) {
            return Mono.fromCallable(
                            () -> authenticate(request, request.getHeaders().get(Sessions.CSRF_HEADER)))
                    .subscribeOn(blocking);
        }
        // An HTML form cannot set a header: its token is a field of the (buffered) body, read here
        // before anything runs; the controller still binds the same body afterwards.
        return Mono.fromFuture(() -> forms.parseBody(request))
                .map(fields -> fields.get(CSRF_FIELD) instanceof String token ? token : "")
                .defaultIfEmpty("")
                .publishOn(blocking)
                .map(token -> authenticate(request, token.isEmpty() ? null : token));
    }

    private static boolean isForm(HttpRequest<?> request) {
        return request.getContentType()
                .map(type -> type.getName().equals(MediaType.APPLICATION_FORM_URLENCODED))
                .orElse(false);
    }

    private Authentication authenticate(HttpRequest<?> request, String presentedCsrf) {
        String token = request.getCookies()
                .findCookie(Sessions.COOKIE)
                .map(Cookie::getValue)
                .orElse(null);
        Sessions.Resolution resolution = sessions.resolve(token, RequestInfos.of(request));
        if (resolution instanceof Sessions.Refused refused) {
            meters.counter(
                            "artifacta.auth.failures",
                            "reason",
                            "session-" + refused.refusal().name().toLowerCase())
                    .increment();
            if (SAFE.contains(request.getMethod())
                    && (request.getPath().startsWith("/console")
                            || request.getPath().equals("/oauth/authorize"))) {
                // A console page (or the OAuth consent page) read with an ended session is the sign-in
                // page, not a problem.
                return null;
            }
            throw Problems.unauthenticated(refused.refusal().detail());
        }
        Sessions.Valid valid = (Sessions.Valid) resolution;
        if (!SAFE.contains(request.getMethod()) && !Sessions.csrfMatches(token, presentedCsrf)) {
            meters.counter("artifacta.auth.csrf.refused").increment();
            throw new ProblemException(Problem.of(
                    "csrf-token-required",
                    "CSRF token required",
                    403,
                    "A change made with a session needs the session's CSRF token in the " + Sessions.CSRF_HEADER
                            + " header (GET /auth/session gives it), or a form's " + CSRF_FIELD
                            + " field. API keys need none."));
        }
        return Principals.authentication(valid.session().sessionId(), valid.user());
    }
}
