package dev.artifacta.server.apikeys;

import dev.artifacta.events.ApiScope;
import dev.artifacta.events.KeyIdentity;
import dev.artifacta.query.apikeylist.ApiKeyListQueries.StatusFilter;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.apikeys.ApiKeyService.RequestedIdentity;
import dev.artifacta.server.apikeys.ApiKeyViews.ApiKeyView;
import dev.artifacta.server.apikeys.ApiKeyViews.CreatedApiKey;
import dev.artifacta.server.auth.Principals;
import dev.artifacta.server.auth.RequestInfos;
import dev.artifacta.server.http.Pages;
import dev.artifacta.server.http.Problems;
import dev.artifacta.server.http.openapi.ApiAnswers;
import dev.artifacta.server.http.openapi.ApiProblems;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * API keys of the calling tenant: create (secret shown once), list, read, rename, revoke. Needs
 * {@code agents:manage}, and reaches only keys within the caller's own authority.
 */
@Controller("/v1/api-keys")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "API keys")
@ApiProblems.BadRequest
@ApiProblems.Unauthenticated
@ApiProblems.Forbidden
@ApiProblems.TooManyRequests
@ExecuteOn(TaskExecutors.BLOCKING)
public class ApiKeysController {

    /**
     * Who a new key acts as: {@code {"type":"user"}} (the calling user), or an agent by
     * {@code agentId} (or by {@code name}, the older form: an agent of that name is created when
     * there is none). Absent: the calling user, as {@code {"type":"user"}}.
     */
    @Serdeable
    @Schema(name = "KeyIdentityRequest")
    public record IdentityRequest(
            @NotBlank @Size(max = 16) String type,
            @Nullable @Size(max = 64) String agentId,
            @Nullable @Size(max = 100) String name) {}

    /** The key to create. Scopes default to {@code artifacts:read, artifacts:create, artifacts:update}. */
    @Serdeable
    @Schema(name = "CreateApiKeyRequest")
    public record CreateApiKeyRequest(
            @NotBlank @Size(max = 100) String name,
            @Nullable @Size(max = 500) String description,
            @Nullable @Size(min = 1, max = 20) List<@NotBlank @Size(max = 64) String> scopes,
            @Nullable @Valid IdentityRequest identity,
            @Nullable Instant expiresAt) {}

    /** The changes to a key: for now its name. */
    @Serdeable
    @Schema(name = "UpdateApiKeyRequest")
    public record UpdateApiKeyRequest(
            @NotBlank @Size(max = 100) String name) {}

    /** A page of keys; pass {@code nextCursor} as {@code cursor} for the next one (null: the last page). */
    @Serdeable
    @Schema(name = "ApiKeyPage")
    public record ApiKeyList(
            List<ApiKeyView> items, @Nullable String nextCursor) {}

    private final ApiKeyService keys;

    public ApiKeysController(ApiKeyService keys) {
        this.keys = keys;
    }

    @Post
    @Operation(
            operationId = "createApiKey",
            summary = "Create an API key",
            description = "Returns the raw key once; only its hash is stored.")
    @Status(HttpStatus.CREATED)
    @ApiAnswers.Created
    @ApiProblems.Conflict
    @ApiProblems.Unprocessable
    public HttpResponse<CreatedApiKey> create(HttpRequest<?> request, @Body @Valid CreateApiKeyRequest body) {
        CreatedApiKey created = keys.create(
                Principals.requireScope(request, ApiScope.AGENTS_MANAGE),
                body.name(),
                body.description(),
                body.scopes(),
                requested(body.identity()),
                body.expiresAt(),
                RequestInfos.of(request));
        return HttpResponse.created(created, URI.create("/v1/api-keys/" + created.id()));
    }

    @Get
    @Operation(
            operationId = "listApiKeys",
            summary = "List API keys",
            description = "Newest first. Active keys by default; status=expired|revoked|all for others. A key"
                    + " acting as an agent sees only its agent's keys. limit 1 to 200 (default 50), cursor from"
                    + " the last page's nextCursor.")
    public ApiKeyList list(
            HttpRequest<?> request,
            @Parameter(
                            description = "Which keys (400 invalid-status for another value).",
                            schema =
                                    @Schema(
                                            allowableValues = {"active", "expired", "revoked", "all"},
                                            defaultValue = "active"))
                    @Nullable
                    @QueryValue
                    String status,
            @ApiAnswers.Cursor @Nullable @QueryValue String cursor,
            @ApiAnswers.Limit @Nullable @QueryValue Integer limit) {
        Principal caller = Principals.requireScope(request, ApiScope.AGENTS_MANAGE);
        ApiKeyService.KeyPage page = keys.list(caller, statusFilter(status), cursor, Pages.limit(limit));
        return new ApiKeyList(page.items(), page.nextCursor());
    }

    @Get("/{id}")
    @Operation(
            operationId = "getApiKey",
            summary = "Read an API key",
            description = "As listed: never the key, never its hash.")
    @ApiProblems.NotFound
    public ApiKeyView read(HttpRequest<?> request, @PathVariable String id) {
        return keys.read(Principals.requireScope(request, ApiScope.AGENTS_MANAGE), id);
    }

    @Patch("/{id}")
    @Operation(
            operationId = "renameApiKey",
            summary = "Rename an API key",
            description = "The key keeps working under its new name. Audit entries keep the name the key had"
                    + " when each event happened. A revoked key cannot be renamed (409).")
    @ApiProblems.NotFound
    @ApiProblems.Conflict
    @ApiProblems.Unprocessable
    public ApiKeyView rename(HttpRequest<?> request, @PathVariable String id, @Body @Valid UpdateApiKeyRequest body) {
        return keys.rename(
                Principals.requireScope(request, ApiScope.AGENTS_MANAGE), id, body.name(), RequestInfos.of(request));
    }

    @Delete("/{id}")
    @Operation(
            operationId = "revokeApiKey",
            summary = "Revoke an API key",
            description = "Answers with the revoked key; it is refused from the next request on.")
    @ApiProblems.NotFound
    @ApiProblems.Conflict
    public ApiKeyView revoke(HttpRequest<?> request, @PathVariable String id) {
        return keys.revoke(Principals.requireScope(request, ApiScope.AGENTS_MANAGE), id, RequestInfos.of(request));
    }

    private static RequestedIdentity requested(@Nullable IdentityRequest identity) {
        if (identity == null) {
            return new RequestedIdentity.CallerUser();
        }
        if (KeyIdentity.USER.equals(identity.type())) {
            return new RequestedIdentity.CallerUser();
        }
        if (KeyIdentity.AGENT.equals(identity.type())) {
            if (identity.agentId() != null) {
                return new RequestedIdentity.AgentById(identity.agentId());
            }
            if (identity.name() == null || identity.name().isBlank()) {
                throw Problems.invalid("invalid-identity", "An agent identity needs an agentId (or a name).");
            }
            return new RequestedIdentity.AgentByName(identity.name());
        }
        throw Problems.invalid(
                "invalid-identity", "identity.type must be 'user' or 'agent', not '" + identity.type() + "'.");
    }

    private static StatusFilter statusFilter(@Nullable String status) {
        if (status == null) {
            return StatusFilter.ACTIVE;
        }
        try {
            return StatusFilter.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest(
                    "invalid-status", "status must be one of active, expired, revoked, all; not '" + status + "'.");
        }
    }
}
