package dev.artifacta.server.oauth;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationErrorResponse;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.auth.OAuthGrants;
import dev.artifacta.server.auth.OAuthSettings;
import dev.artifacta.server.auth.OAuthTokens;
import dev.artifacta.server.auth.RequestInfos;
import dev.artifacta.server.auth.ReturnAfterSignIn;
import dev.artifacta.server.console.ConsoleHeaders;
import dev.artifacta.server.console.ConsoleKeysController;
import dev.artifacta.server.console.ConsolePages;
import dev.artifacta.server.oauthclients.PendingClientRepository.PendingClient;
import dev.artifacta.server.oauthclients.SelfRegistrations;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The authorization endpoint (RFC 6749 §4.1 with PKCE, RFC 7636, S256 only): an interactive client
 * such as an MCP client sends the signed-in person here; they see a consent page naming the client
 * and what each scope lets it do, and approve or deny with a form that carries the session's CSRF
 * token. A person who is not signed in signs in first and comes back. The request is checked again
 * on the form's post (nothing of it is kept between the two). A client of another workspace is never
 * shown, and an unknown client or a redirect URI that is not exactly one the client registered is an
 * error page, never a redirect (RFC 6749 §4.1.2.1). Scopes granted never exceed the person's role.
 * A self-registered client (RFC 7591) is shown to a person whose workspace allows such clients, and
 * their approval registers it in that workspace ({@link SelfRegistrations}).
 */
@Controller("/oauth/authorize")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Hidden
public class OAuthAuthorizeController {

    private final OAuthTokens tokens;
    private final OAuthGrants grants;
    private final OAuthSettings settings;
    private final ConsolePages pages;
    private final SelfRegistrations selfRegistrations;
    private final boolean secureCookies;

    public OAuthAuthorizeController(
            OAuthTokens tokens,
            OAuthGrants grants,
            OAuthSettings settings,
            ConsolePages pages,
            SelfRegistrations selfRegistrations,
            @Value("${artifacta.public-url:}") String publicUrl) {
        this.tokens = tokens;
        this.grants = grants;
        this.settings = settings;
        this.pages = pages;
        this.selfRegistrations = selfRegistrations;
        this.secureCookies = publicUrl.startsWith("https://");
    }

    @Get
    public HttpResponse<?> ask(HttpRequest<?> request) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        request.getParameters().forEach((name, values) -> parameters.put(name, List.copyOf(values)));
        return check(request, parameters, (checked, user) -> consent(request, checked, user));
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> answer(HttpRequest<?> request, @Nullable @Body String body) {
        Map<String, List<String>> parameters = formOf(body);
        String decision = first(parameters, "decision");
        parameters.remove("decision");
        parameters.remove("_csrf");
        return check(request, parameters, (checked, user) -> {
            if (!"approve".equals(decision)) {
                return redirect(
                        request, checked, OAuth2Error.ACCESS_DENIED.setDescription("The person denied access."));
            }
            OAuthTokens.KnownClient client = checked.client();
            if (checked.selfRegistered() != null) {
                selfRegistrations.bind(checked.selfRegistered(), user, RequestInfos.of(request));
                client = tokens.client(client.clientId()).orElseThrow();
            }
            String code = grants.authorize(
                    request, client, user, checked.scopes(), checked.redirectUri(), checked.challenge());
            URI location = new AuthorizationSuccessResponse(
                            URI.create(checked.redirectUri()),
                            new AuthorizationCode(code),
                            null,
                            checked.state(),
                            new Issuer(settings.issuer(request)),
                            null)
                    .toURI();
            return noStore(HttpResponse.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, location.toString()));
        });
    }

    /** An authorization request that passed every check: what the consent page shows and the code holds. */
    private record Checked(
            OAuthTokens.KnownClient client,
            String redirectUri,
            Set<String> scopes,
            Set<String> refused,
            @Nullable State state,
            String challenge,
            Map<String, List<String>> parameters,
            @Nullable PendingClient selfRegistered) {}

    private interface Next {
        HttpResponse<?> with(Checked checked, Principal.User user);
    }

    private HttpResponse<?> check(HttpRequest<?> request, Map<String, List<String>> parameters, Next next) {
        String clientId = first(parameters, "client_id");
        Optional<OAuthTokens.KnownClient> found = tokens.client(clientId);
        Optional<PendingClient> pending = found.isPresent() ? Optional.empty() : selfRegistrations.find(clientId);
        if (pending.isPresent()) {
            // A self-registered client belongs to the workspace of whoever approves it first.
            PendingClient client = pending.get();
            found = Optional.of(OAuthTokens.unbound(
                    client.clientId(),
                    client.name(),
                    client.scopes(),
                    client.grantTypes(),
                    client.redirectUris(),
                    pages.user(request).orElse(null)));
        }
        if (found.isEmpty()
                || found.get().disabled()
                || !found.get().grantTypes().contains(OAuthGrants.AUTHORIZATION_CODE)) {
            return errorPage(
                    request,
                    400,
                    "This application is not registered here, is disabled, or does not use sign-in through a browser.");
        }
        OAuthTokens.KnownClient client = found.get();
        String redirectUri = first(parameters, "redirect_uri");
        if (redirectUri == null || !client.redirectUris().contains(redirectUri)) {
            return errorPage(
                    request,
                    400,
                    "The redirect URI is not one registered for this application, so it is not followed.");
        }
        AuthorizationRequest parsed;
        try {
            parsed = AuthorizationRequest.parse(parameters);
        } catch (ParseException e) {
            return redirect(
                    request,
                    new Checked(client, redirectUri, Set.of(), Set.of(), stateOf(parameters), "", parameters, null),
                    OAuth2Error.INVALID_REQUEST.setDescription("The authorization request is malformed."));
        }
        var incomplete = new Checked(client, redirectUri, Set.of(), Set.of(), parsed.getState(), "", parameters, null);
        if (!ResponseType.CODE.equals(parsed.getResponseType())) {
            return redirect(
                    request,
                    incomplete,
                    OAuth2Error.UNSUPPORTED_RESPONSE_TYPE.setDescription("Only response_type=code is supported."));
        }
        if (parsed.getCodeChallenge() == null || !CodeChallengeMethod.S256.equals(parsed.getCodeChallengeMethod())) {
            return redirect(
                    request,
                    incomplete,
                    OAuth2Error.INVALID_REQUEST.setDescription(
                            "PKCE is required: send code_challenge with code_challenge_method=S256."));
        }
        if (parsed.getResources() != null
                && !parsed.getResources().stream().allMatch(resource -> settings.isOurs(request, resource))) {
            return redirect(
                    request,
                    incomplete,
                    OAuth2Error.INVALID_TARGET.setDescription(
                            "Tokens of this server are for " + settings.resource(request) + "."));
        }
        Set<String> asked = parsed.getScope() == null
                ? client.scopes()
                : new TreeSet<>(parsed.getScope().toStringList());
        if (asked.isEmpty() || !client.scopes().containsAll(asked)) {
            return redirect(
                    request,
                    incomplete,
                    OAuth2Error.INVALID_SCOPE.setDescription(
                            "This client may ask for: " + String.join(" ", client.scopes()) + "."));
        }
        Optional<Principal.User> signedIn = pages.user(request);
        if (signedIn.isEmpty()) {
            if (request.getMethod() != HttpMethod.GET) {
                return errorPage(request, 401, "Your session ended: start again from the application.");
            }
            return secured(pages.signIn(request).cookie(ReturnAfterSignIn.to(request, secureCookies)), null);
        }
        Principal.User user = signedIn.get();
        if (pending.isPresent() && !selfRegistrations.allowedFor(user)) {
            return errorPage(
                    request,
                    403,
                    "This application registered itself, and your workspace does not allow such applications."
                            + " An owner or admin can allow them (PUT /v1/oauth-client-registration), or register"
                            + " the application for you.");
        }
        if (pending.isEmpty() && !user.tenant().id().equals(client.tenantId())) {
            // Said the same way as an unknown client: another workspace's clients are not shown.
            return errorPage(
                    request,
                    400,
                    "This application is not registered here, is disabled, or does not use sign-in through a browser.");
        }
        var scopes = new TreeSet<>(asked);
        scopes.retainAll(user.role().scopes());
        var refused = new TreeSet<>(asked);
        refused.removeAll(scopes);
        if (scopes.isEmpty()) {
            return redirect(
                    request,
                    incomplete,
                    OAuth2Error.INVALID_SCOPE.setDescription("Your role allows none of the scopes asked for."));
        }
        return next.with(
                new Checked(
                        client,
                        redirectUri,
                        scopes,
                        refused,
                        parsed.getState(),
                        parsed.getCodeChallenge().getValue(),
                        parameters,
                        pending.orElse(null)),
                user);
    }

    private HttpResponse<?> consent(HttpRequest<?> request, Checked checked, Principal.User user) {
        Map<String, Object> model = new HashMap<>(
                pages.layout(request, user, "Authorize " + checked.client().name(), "oauth"));
        model.put("client", checked.client().name());
        model.put("selfRegistered", checked.selfRegistered() != null);
        model.put("redirectHost", URI.create(checked.redirectUri()).getHost());
        model.put("scopes", meanings(checked.scopes()));
        model.put("refused", meanings(checked.refused()));
        List<Map.Entry<String, String>> hidden = new ArrayList<>();
        checked.parameters().forEach((name, values) -> values.forEach(value -> hidden.add(Map.entry(name, value))));
        model.put("hidden", hidden);
        return secured(pages.html(request, "oauth/consent", model), checked.redirectUri());
    }

    private static List<Map.Entry<String, String>> meanings(Set<String> scopes) {
        return scopes.stream()
                .map(scope -> Map.entry(scope, ConsoleKeysController.SCOPE_MEANINGS.getOrDefault(scope, scope)))
                .toList();
    }

    private MutableHttpResponse<?> redirect(HttpRequest<?> request, Checked checked, ErrorObject error) {
        URI location = new AuthorizationErrorResponse(
                        URI.create(checked.redirectUri()),
                        error,
                        checked.state(),
                        new Issuer(settings.issuer(request)),
                        null)
                .toURI();
        return noStore(HttpResponse.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, location.toString()));
    }

    private MutableHttpResponse<?> errorPage(HttpRequest<?> request, int status, String message) {
        Map<String, Object> model = new HashMap<>();
        Optional<Principal.User> user = pages.user(request);
        if (user.isPresent()) {
            model.putAll(pages.layout(request, user.get(), "Cannot authorize", "oauth"));
        } else {
            model.put("title", "Cannot authorize");
        }
        model.put("message", message);
        model.put("back", "/console");
        return secured(pages.html(request, "console/error", model).status(status), null);
    }

    /**
     * The console's headers; the form may post here and, once approved or denied, be redirected on
     * to the client's registered redirect URI, so that one origin (or custom scheme) is allowed as a
     * form action too.
     */
    private static <T> MutableHttpResponse<T> secured(MutableHttpResponse<T> response, @Nullable String redirectUri) {
        String policy = ConsoleHeaders.CONTENT_SECURITY_POLICY;
        if (redirectUri != null) {
            policy = policy.replace("form-action 'self'", "form-action 'self' " + sourceOf(URI.create(redirectUri)));
        }
        return ConsoleHeaders.apply(response, policy, true);
    }

    private static String sourceOf(URI uri) {
        String scheme = uri.getScheme();
        if (("http".equals(scheme) || "https".equals(scheme)) && uri.getHost() != null) {
            return scheme + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        }
        return scheme + ":";
    }

    private static <T> MutableHttpResponse<T> noStore(MutableHttpResponse<T> response) {
        return response.header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    private static State stateOf(Map<String, List<String>> parameters) {
        String state = first(parameters, "state");
        return state == null || state.isEmpty() ? null : new State(state);
    }

    private static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static Map<String, List<String>> formOf(@Nullable String body) {
        return new LinkedHashMap<>(URLUtils.parseParameters(body == null ? "" : body));
    }
}
