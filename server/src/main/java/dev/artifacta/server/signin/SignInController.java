package dev.artifacta.server.signin;

import dev.artifacta.server.access.Principal;
import dev.artifacta.server.auth.Principals;
import dev.artifacta.server.auth.RequestInfos;
import dev.artifacta.server.auth.Sessions;
import dev.artifacta.server.auth.SignInAttemptRepository;
import dev.artifacta.server.auth.SignInAttemptRepository.Attempt;
import dev.artifacta.server.http.Problem;
import dev.artifacta.server.http.Problems;
import dev.artifacta.server.http.openapi.ApiProblems;
import dev.artifacta.server.http.openapi.ApiSecurity;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Sign-in for people, through the configured OpenID Connect provider: {@code GET /auth/login}
 * sends the browser to the provider, {@code GET /auth/callback} finishes the code flow and starts a
 * session (an {@code HttpOnly}, {@code SameSite=Lax} cookie), {@code GET /auth/session} tells the
 * signed-in person who they are and their CSRF token, and {@code POST /auth/logout} ends the
 * session on the server.
 */
@Controller("/auth")
@Secured(SecurityRule.IS_ANONYMOUS)
@Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
@Tag(name = "Sign-in")
@ApiProblems.BadRequest
@ExecuteOn(TaskExecutors.BLOCKING)
public class SignInController {

    static final String STATE_COOKIE = "artifacta_signin";
    private static final Duration ATTEMPT_LIFETIME = Duration.ofMinutes(10);

    /** The signed-in person's session. */
    @Schema(name = "Session")
    @Serdeable
    public record SessionView(
            String userId,
            String email,
            String displayName,
            String role,
            WorkspaceView workspace,
            String csrfToken,
            Instant expiresAt,
            Instant idleExpiresAt) {}

    @Schema(name = "SessionWorkspace")
    @Serdeable
    public record WorkspaceView(String id, String name, String plan) {}

    private final OidcProvider provider;
    private final SessionResponses responses;
    private final Sessions sessions;
    private final SignInAttemptRepository attempts;
    private final MeterRegistry meters;
    private final Clock clock;

    public SignInController(
            OidcProvider provider,
            SessionResponses responses,
            Sessions sessions,
            SignInAttemptRepository attempts,
            MeterRegistry meters,
            Clock clock) {
        this.provider = provider;
        this.responses = responses;
        this.sessions = sessions;
        this.attempts = attempts;
        this.meters = meters;
        this.clock = clock;
    }

    @Get("/login")
    @Status(HttpStatus.FOUND)
    @ApiSecurity.NoCredentials
    @Operation(
            operationId = "startSignIn",
            summary = "Start signing in",
            description = "Redirects the browser to the OpenID Connect provider (authorization code flow with"
                    + " PKCE, state and nonce). 'workspace' picks the workspace to sign in to; by default the"
                    + " one joined last, or a new one for a first sign-in.")
    @ApiResponse(
            responseCode = "302",
            description = "On to the identity provider; the artifacta_signin cookie holds the sign-in's state.",
            headers = {
                @Header(
                        name = "Location",
                        description = "The provider's authorization endpoint.",
                        required = true,
                        schema = @Schema(type = "string", format = "uri")),
                @Header(name = "Set-Cookie", description = "artifacta_signin.", schema = @Schema(type = "string"))
            })
    @ApiProblems.NotFound
    public HttpResponse<Void> login(
            HttpRequest<?> request,
            @Parameter(
                            description = "The workspace to sign in to; by default the one joined last.",
                            schema = @Schema(type = "string", maxLength = 63, pattern = "^[a-z0-9-]+$"))
                    @Nullable
                    @QueryValue
                    String workspace) {
        if (!provider.isConfigured()) {
            throw Problems.notFound(
                    "sign-in-not-configured",
                    "No identity provider is configured on this server (set ARTIFACTA_OIDC_ISSUER); for local use,"
                            + " start it with ARTIFACTA_DEV_SIGN_IN=true and open /auth/dev/login.");
        }
        if (workspace != null && (workspace.length() > 63 || !workspace.matches("[a-z0-9-]+"))) {
            throw Problems.badRequest(
                    "invalid-workspace", "A workspace name is lowercase letters, digits and hyphens.");
        }
        URI callback = provider.callbackUri(baseOf(request));
        OidcProvider.Redirect redirect = provider.begin(callback);
        Instant now = clock.instant();
        attempts.deleteStartedBefore(now.minus(ATTEMPT_LIFETIME));
        attempts.save(new Attempt(sha256(redirect.state()), redirect.nonce(), redirect.codeVerifier(), workspace, now));
        return HttpResponse.<Void>status(HttpStatus.FOUND)
                .header(HttpHeaders.LOCATION, redirect.authorizationUri().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .cookie(Cookie.of(STATE_COOKIE, redirect.state())
                        .httpOnly(true)
                        .sameSite(SameSite.Lax)
                        .secure(responses.secureCookies())
                        .path("/auth")
                        .maxAge(ATTEMPT_LIFETIME));
    }

    @Get("/callback")
    @ApiSecurity.NoCredentials
    @Operation(
            operationId = "finishSignIn",
            summary = "Finish signing in",
            description = "Where the provider sends the browser back. Checks state (against the browser's cookie"
                    + " and the server's record, once), exchanges the code with the PKCE verifier, validates the"
                    + " ID token (signature, issuer, audience, expiry, nonce) and starts a session. A first sign-in"
                    + " creates a workspace and shows its first API key once.")
    @SignedInAnswers
    @ApiProblems.Unauthenticated
    @ApiProblems.Forbidden
    @ApiResponse(
            responseCode = "502",
            description = "The identity provider could not be reached or answered unreadably.",
            content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<?> callback(
            HttpRequest<?> request,
            @Nullable @QueryValue String code,
            @Nullable @QueryValue String state,
            @Nullable @QueryValue String error) {
        String expected = request.getCookies()
                .findCookie(STATE_COOKIE)
                .map(Cookie::getValue)
                .orElse(null);
        if (state == null || state.isBlank()) {
            throw refused("state-missing", 400, "The sign-in answer carries no state; start the sign-in again.");
        }
        if (expected == null || !MessageDigest.isEqual(bytes(expected), bytes(state))) {
            throw refused(
                    "state-mismatch",
                    400,
                    "The sign-in answer's state does not belong to this browser's sign-in; start the sign-in again.");
        }
        Optional<Attempt> attempt = attempts.findById(sha256(state));
        if (attempt.isEmpty()
                || attempts.deleteOnce(attempt.get().stateSha256()) != 1
                || attempt.get().createdAt().isBefore(clock.instant().minus(ATTEMPT_LIFETIME))) {
            throw refused(
                    "state-unknown", 400, "This sign-in was already finished, or expired; start the sign-in again.");
        }
        if (error != null) {
            throw refused(
                    "provider-error",
                    400,
                    "The identity provider did not sign you in (" + safe(error) + "); start the sign-in again.");
        }
        if (code == null || code.isBlank()) {
            throw refused("code-missing", 400, "The sign-in answer carries no authorization code.");
        }
        VerifiedPerson person;
        try {
            person = provider.finish(
                    code,
                    provider.callbackUri(baseOf(request)),
                    attempt.get().codeVerifier(),
                    attempt.get().nonce());
        } catch (dev.artifacta.server.http.ProblemException refusedByCheck) {
            meters.counter(
                            "artifacta.auth.sign_in_failures",
                            "reason",
                            // The same reason names as every other sign-in failure ("invalid-id-token").
                            refusedByCheck
                                    .problem()
                                    .getType()
                                    .substring(Problem.TYPE_BASE.length())
                                    .replaceFirst("^sign-in-", ""))
                    .increment();
            throw refusedByCheck;
        }
        return responses.signedIn(request, person, attempt.get().workspace());
    }

    @Get("/session")
    @ApiSecurity.SessionOnly
    @Operation(
            operationId = "getSession",
            summary = "The signed-in person's session",
            description = "Who is signed in, to which workspace, with which role, until when, and the CSRF token"
                    + " that changes made with this session must carry in X-CSRF-Token.")
    @ApiResponse(
            responseCode = "200",
            description = "The session.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SessionView.class)))
    @ApiProblems.Unauthenticated
    public SessionView session(HttpRequest<?> request) {
        Principal.User user = signedIn(request);
        String token = request.getCookies()
                .findCookie(Sessions.COOKIE)
                .map(Cookie::getValue)
                .orElseThrow();
        Instant now = clock.instant();
        return new SessionView(
                user.userId(),
                user.email(),
                user.displayName(),
                user.role().value(),
                new WorkspaceView(
                        user.tenant().id(), user.tenant().name(), user.tenant().plan()),
                Sessions.csrfTokenOf(token),
                sessions.absoluteExpiryOf(sessionIdOf(request)),
                sessions.idleExpiryFrom(now));
    }

    @Post("/logout")
    @Status(HttpStatus.NO_CONTENT)
    @ApiSecurity.SessionOnly
    @Operation(
            operationId = "signOut",
            summary = "Sign out",
            description = "Ends the session on the server (every node refuses it from now on) and clears the cookie."
                    + " Needs the session's CSRF token in X-CSRF-Token.")
    @ApiResponse(
            responseCode = "204",
            description = "Signed out; the cookie is cleared.",
            headers =
                    @Header(
                            name = "Set-Cookie",
                            description = "artifacta_session, expired.",
                            schema = @Schema(type = "string")))
    @ApiProblems.Unauthenticated
    @ApiProblems.Forbidden
    public HttpResponse<Void> logout(HttpRequest<?> request) {
        Principal.User user = signedIn(request);
        sessions.signOut(sessionIdOf(request), user, RequestInfos.of(request));
        // The console's sign-out button is a form: the browser goes back to the console's sign-in page.
        boolean form = request.getContentType()
                .map(type -> type.getName().equals(MediaType.APPLICATION_FORM_URLENCODED))
                .orElse(false);
        return (form ? HttpResponse.<Void>seeOther(java.net.URI.create("/console")) : HttpResponse.<Void>noContent())
                .cookie(Cookie.of(Sessions.COOKIE, "").httpOnly(true).path("/").maxAge(0));
    }

    private static String sessionIdOf(HttpRequest<?> request) {
        return request.getUserPrincipal().map(java.security.Principal::getName).orElseThrow();
    }

    private static Principal.User signedIn(HttpRequest<?> request) {
        if (Principals.of(request) instanceof Principal.User user) {
            return user;
        }
        throw Problems.unauthenticated("Not signed in: sign in at /auth/login.");
    }

    private dev.artifacta.server.http.ProblemException refused(String reason, int status, String detail) {
        meters.counter("artifacta.auth.sign_in_failures", "reason", reason).increment();
        return SignInRefused.of(reason, status, detail);
    }

    /** The scheme, host and port the request reached this server with. */
    static String baseOf(HttpRequest<?> request) {
        String host = request.getHeaders().get(HttpHeaders.HOST);
        String scheme = request.isSecure() ? "https" : "http";
        return scheme + "://" + (host == null ? "localhost" : host);
    }

    private static String safe(String value) {
        String cleaned = value.replaceAll("[^A-Za-z0-9_.-]", "");
        return cleaned.length() > 60 ? cleaned.substring(0, 60) : cleaned;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
