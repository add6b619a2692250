package dev.artifacta.server.signin;

import dev.artifacta.server.http.Problems;
import dev.artifacta.server.http.openapi.ApiProblems;
import dev.artifacta.server.http.openapi.ApiSecurity;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.InetAddress;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local sign-in for a developer running the server on their own machine with no identity provider:
 * a form that takes an email and a name and signs that person in as if a provider had verified
 * the email. Off unless {@code ARTIFACTA_DEV_SIGN_IN=true}; even then it answers only requests from
 * this machine (loopback), and the server warns at start-up. Sign-ins are recorded with the issuer
 * {@code artifacta-dev}, so the audit trail tells them apart.
 */
@Controller("/auth/dev")
@Secured(SecurityRule.IS_ANONYMOUS)
@Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
@Tag(name = "Sign-in")
@ApiSecurity.NoCredentials
@ApiProblems.BadRequest
@ApiProblems.Forbidden
@ApiProblems.NotFound
@ExecuteOn(TaskExecutors.BLOCKING)
public class DevSignInController {

    private static final Logger LOG = LoggerFactory.getLogger(DevSignInController.class);
    static final String ISSUER = "artifacta-dev";

    /** The development sign-in form's fields. */
    @Schema(name = "DevSignInRequest")
    @Serdeable
    public record DevSignIn(
            @Nullable String email,
            @Nullable String name,
            @Nullable String workspace) {}

    private final SessionResponses responses;
    private final boolean enabled;

    public DevSignInController(
            SessionResponses responses, @Value("${artifacta.auth.dev-sign-in:false}") boolean enabled) {
        this.responses = responses;
        this.enabled = enabled;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (enabled) {
            LOG.warn("Development sign-in is ON (ARTIFACTA_DEV_SIGN_IN=true): anyone on this machine can sign in as"
                    + " any email at /auth/dev/login. Never enable it on a shared server.");
        }
    }

    @Get("/login")
    @Operation(
            operationId = "devSignInForm",
            summary = "Development sign-in form",
            description = "Only with ARTIFACTA_DEV_SIGN_IN=true, from this machine.")
    @ApiResponse(
            responseCode = "200",
            description = "The form.",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = "string")))
    public HttpResponse<String> form(HttpRequest<?> request) {
        requireEnabledLocally(request);
        return HttpResponse.ok(SignInPages.devSignIn())
                .contentType(MediaType.TEXT_HTML_TYPE)
                .header("Content-Security-Policy", SignInPages.PAGE_CONTENT_SECURITY_POLICY)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Post("/login")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "devSignIn",
            summary = "Development sign-in",
            description = "Signs in the email given, as verified, with the name given. Only with"
                    + " ARTIFACTA_DEV_SIGN_IN=true, from this machine.")
    @SignedInAnswers
    @ApiProblems.UnsupportedMediaType
    @ApiProblems.Unprocessable
    public HttpResponse<?> signIn(
            HttpRequest<?> request,
            @RequestBody(
                            required = true,
                            content = {
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON,
                                        schema = @Schema(implementation = DevSignIn.class)),
                                @Content(
                                        mediaType = MediaType.APPLICATION_FORM_URLENCODED,
                                        schema = @Schema(implementation = DevSignIn.class))
                            })
                    @Body
                    DevSignIn body) {
        return signIn(request, body.email(), body.name(), body.workspace());
    }

    /**
     * The form the sign-in page submits, decoded here: bound as a {@link DevSignIn}, form values
     * arrive as lists, which the strict JSON reading refuses.
     */
    @Post("/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Hidden // documented with signIn, as the same operation's second content type
    public HttpResponse<?> signInWithForm(HttpRequest<?> request, @Body String form) {
        var fields = new io.micronaut.http.uri.QueryStringDecoder(form == null ? "" : form, false).parameters();
        return signIn(request, first(fields, "email"), first(fields, "name"), first(fields, "workspace"));
    }

    private static String first(java.util.Map<String, java.util.List<String>> fields, String name) {
        java.util.List<String> values = fields.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private HttpResponse<?> signIn(HttpRequest<?> request, String givenEmail, String givenName, String givenWorkspace) {
        requireEnabledLocally(request);
        DevSignIn body = new DevSignIn(givenEmail, givenName, givenWorkspace);
        String email = body.email() == null ? "" : body.email().strip();
        if (email.length() > 254 || !email.matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")) {
            throw Problems.invalid("invalid-email", "'" + email + "' is not an email address.");
        }
        String name = body.name() == null || body.name().isBlank()
                ? email
                : body.name().strip();
        if (name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
            throw Problems.invalid("invalid-name", "A name is at most 200 characters, without control characters.");
        }
        String workspace = body.workspace() == null || body.workspace().isBlank()
                ? null
                : body.workspace().strip();
        var person = new VerifiedPerson(ISSUER, email.toLowerCase(Locale.ROOT), email, true, name);
        return responses.signedIn(request, person, workspace);
    }

    private void requireEnabledLocally(HttpRequest<?> request) {
        if (!enabled) {
            throw Problems.notFound("dev-sign-in-disabled", "Development sign-in is not enabled on this server.");
        }
        // The client's address: behind a trusted proxy, the address the proxy saw, not the proxy's.
        if (!isLoopback(dev.artifacta.server.auth.ClientAddresses.of(request))) {
            throw Problems.forbidden(
                    "dev-sign-in-local-only",
                    "Development sign-in answers only requests from the server's own machine.");
        }
    }

    private static boolean isLoopback(String address) {
        byte[] bytes = io.netty.util.NetUtil.createByteArrayFromIpAddressString(address);
        try {
            return bytes != null && InetAddress.getByAddress(bytes).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
