package dev.artifacta.server.signup;

import dev.artifacta.command.apikeys.ApiKeySecrets;
import dev.artifacta.command.apikeys.IssuedSecret;
import dev.artifacta.command.plans.PlanCatalog;
import dev.artifacta.command.signup.SignUp;
import dev.artifacta.command.signup.SignUpHandler;
import dev.artifacta.events.Actor;
import dev.artifacta.events.ApiScope;
import dev.artifacta.events.KeyIdentity;
import dev.artifacta.server.apikeys.ApiKeyViews;
import dev.artifacta.server.auth.RequestInfos;
import dev.artifacta.server.http.Problem;
import dev.artifacta.server.http.Problems;
import dev.artifacta.server.http.openapi.ApiProblems;
import dev.artifacta.server.http.openapi.ApiSecurity;
import dev.artifacta.server.processing.axon.Commands;
import dev.artifacta.server.processing.views.ReadModelBarrier;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Creates a tenant on the default plan together with its first API key (every scope, shown once). */
@Controller("/v1/signup")
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "Signup")
@ApiSecurity.NoCredentials
@ExecuteOn(TaskExecutors.BLOCKING)
public class SignupController {

    /** The signup form. */
    @Schema(name = "SignupRequest")
    @Serdeable
    public record SignupRequest(
            @NotBlank @Size(max = 63) String tenant,
            @NotBlank @Email @Size(max = 254) String email) {}

    /** The new tenant. */
    @Schema(name = "SignupTenant")
    @Serdeable
    public record TenantView(String id, String name, String plan) {}

    /** The signup result: the only time the first key is shown. */
    @Schema(name = "SignupResponse")
    @Serdeable
    public record SignupResponse(TenantView tenant, ApiKeyViews.CreatedApiKey apiKey) {}

    private final Commands commands;
    private final PlanCatalog plans;
    private final ApiKeySecrets secrets;
    private final ReadModelBarrier barrier;
    private final Clock clock;
    private final boolean enabled;

    public SignupController(
            Commands commands,
            PlanCatalog plans,
            ReadModelBarrier barrier,
            Clock clock,
            @Value("${artifacta.signup.enabled:true}") boolean enabled) {
        this.commands = commands;
        this.plans = plans;
        this.secrets = new ApiKeySecrets();
        this.barrier = barrier;
        this.clock = clock;
        this.enabled = enabled;
    }

    @Post
    @Status(HttpStatus.CREATED)
    @Operation(
            operationId = "signUp",
            summary = "Sign up a tenant",
            description = "Creates a tenant on the default plan and its first API key"
                    + " (every scope, acting as the owner). The key is in this response only.")
    @ApiResponse(responseCode = "201", description = "The tenant and its first API key.", useReturnTypeSchema = true)
    @ApiProblems.BadRequest
    @ApiProblems.Forbidden
    @ApiProblems.Conflict
    @ApiProblems.ContentTooLarge
    @ApiProblems.UnsupportedMediaType
    @ApiProblems.Unprocessable
    @ApiProblems.TooManyRequests
    @ApiResponse(
            responseCode = "411",
            description = "The body has no Content-Length (length-required).",
            content = @Content(mediaType = Problem.CONTENT_TYPE, schema = @Schema(implementation = Problem.class)))
    public HttpResponse<SignupResponse> signUp(HttpRequest<?> request, @Body @Valid SignupRequest body) {
        if (!enabled) {
            throw Problems.forbidden("signup-disabled", "Signing up is switched off on this server.");
        }
        Instant now = clock.instant();
        String tenantId = UUID.randomUUID().toString();
        String keyId = UUID.randomUUID().toString();
        IssuedSecret secret = secrets.generate();
        String plan = plans.defaultPlan();
        commands.send(
                new SignUp(
                        tenantId,
                        body.tenant(),
                        body.email(),
                        plan,
                        keyId,
                        SignUpHandler.FIRST_KEY_NAME,
                        secret.digest(),
                        UUID.randomUUID().toString(),
                        now),
                Actor.user(body.email()),
                RequestInfos.of(request));
        barrier.awaitViews();
        var apiKey = ApiKeyViews.created(
                keyId,
                SignUpHandler.FIRST_KEY_NAME,
                null,
                secret,
                ApiScope.allValues(),
                KeyIdentity.user(body.email()),
                Actor.user(body.email()),
                now,
                null);
        return HttpResponse.created(new SignupResponse(new TenantView(tenantId, body.tenant(), plan), apiKey));
    }
}
