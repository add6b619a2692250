package dev.artifacta.server.apikeys;

import dev.artifacta.command.apikeys.ApiKeySecrets;
import dev.artifacta.command.apikeys.CreateApiKey;
import dev.artifacta.command.apikeys.IssuedSecret;
import dev.artifacta.command.apikeys.RenameApiKey;
import dev.artifacta.command.apikeys.RevokeApiKey;
import dev.artifacta.events.AccessDenied;
import dev.artifacta.events.ApiScope;
import dev.artifacta.events.KeyIdentity;
import dev.artifacta.query.apikeylist.ApiKeyListQueries;
import dev.artifacta.query.apikeylist.ApiKeyListQueries.StatusFilter;
import dev.artifacta.server.apikeys.ApiKeyViews.ApiKeyView;
import dev.artifacta.server.apikeys.ApiKeyViews.CreatedApiKey;
import dev.artifacta.server.auth.ApiPrincipal;
import dev.artifacta.server.auth.RequestInfos;
import dev.artifacta.server.http.Ids;
import dev.artifacta.server.http.Problems;
import dev.artifacta.server.processing.axon.Commands;
import dev.artifacta.server.processing.views.ReadModelBarrier;
import dev.artifacta.server.usage.UsageCounters;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;

/** API keys of the calling tenant: create (secret shown once), list, read, revoke. Needs {@code agents:manage}. */
@Controller("/v1/api-keys")
@Tag(name = "API keys")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ApiKeysController {

    /** Who a new key acts as: {@code {"type":"user"}} (the tenant's owner) or an agent by name. */
    @Serdeable
    public record IdentityRequest(
            @NotBlank @Size(max = 16) String type,
            @Nullable @Size(max = 100) String name) {}

    /** The key to create. Scopes default to {@code artifacts:read, artifacts:create, artifacts:update}. */
    @Serdeable
    public record CreateApiKeyRequest(
            @NotBlank @Size(max = 100) String name,
            @Nullable @Size(max = 500) String description,
            @Nullable @Size(min = 1, max = 20) List<@NotBlank @Size(max = 64) String> scopes,
            @Nullable @Valid IdentityRequest identity,
            @Nullable Instant expiresAt) {}

    /** The changes to a key: for now its name. */
    @Serdeable
    public record UpdateApiKeyRequest(
            @NotBlank @Size(max = 100) String name) {}

    /** A list of keys. */
    @Serdeable
    public record ApiKeyList(List<ApiKeyView> items) {}

    private final Commands commands;
    private final ApiKeyListQueries keys;
    private final UsageCounters usage;
    private final ReadModelBarrier barrier;
    private final ApiKeySecrets secrets = new ApiKeySecrets();
    private final Clock clock;

    public ApiKeysController(
            Commands commands, ApiKeyListQueries keys, UsageCounters usage, ReadModelBarrier barrier, Clock clock) {
        this.commands = commands;
        this.keys = keys;
        this.usage = usage;
        this.barrier = barrier;
        this.clock = clock;
    }

    @Post
    @Operation(summary = "Create an API key", description = "Returns the raw key once; only its hash is stored.")
    public HttpResponse<CreatedApiKey> create(HttpRequest<?> request, @Body @Valid CreateApiKeyRequest body) {
        ApiPrincipal caller = ApiPrincipal.of(request).require(ApiScope.AGENTS_MANAGE);
        List<String> scopes = body.scopes() == null
                ? ApiScope.DEFAULTS.stream().map(ApiScope::value).toList()
                : body.scopes();
        for (String scope : scopes) {
            if (ApiScope.parse(scope).isPresent()
                    && !caller.credential().scopes().contains(scope)) {
                throw Problems.forbidden(
                                "scope-escalation",
                                "A key can only grant scopes it holds itself; this key lacks '" + scope + "'.")
                        .deniedFor(AccessDenied.SCOPE);
            }
        }
        KeyIdentity identity = identityOf(caller, body.identity());
        Instant now = clock.instant();
        String keyId = UUID.randomUUID().toString();
        IssuedSecret secret = secrets.generate();
        commands.send(
                new CreateApiKey(
                        keyId,
                        caller.tenantId(),
                        body.name(),
                        body.description(),
                        secret.digest(),
                        scopes,
                        identity,
                        body.expiresAt(),
                        now),
                caller.actor(),
                RequestInfos.of(request));
        barrier.awaitViews();
        return HttpResponse.created(
                ApiKeyViews.created(
                        keyId,
                        body.name(),
                        body.description(),
                        secret,
                        scopes,
                        identity,
                        caller.actor(),
                        now,
                        body.expiresAt()),
                URI.create("/v1/api-keys/" + keyId));
    }

    @Get
    @Operation(
            summary = "List API keys",
            description = "Active keys by default; status=expired|revoked|all for others.")
    public ApiKeyList list(HttpRequest<?> request, @Nullable @QueryValue String status) {
        ApiPrincipal caller = ApiPrincipal.of(request).require(ApiScope.AGENTS_MANAGE);
        StatusFilter filter = statusFilter(status);
        Instant now = clock.instant();
        Map<String, Instant> lastUsed = usage.lastUsedByKey(caller.tenantId());
        return new ApiKeyList(keys.list(caller.tenantId(), filter, now).stream()
                .map(row -> ApiKeyViews.of(row, lastUsed.get(row.keyId()), now))
                .toList());
    }

    @Get("/{id}")
    @Operation(summary = "Read an API key")
    public ApiKeyView read(HttpRequest<?> request, @PathVariable String id) {
        ApiPrincipal caller = ApiPrincipal.of(request).require(ApiScope.AGENTS_MANAGE);
        return view(caller, id);
    }

    @Patch("/{id}")
    @Operation(
            summary = "Rename an API key",
            description = "The key keeps working under its new name. Audit entries keep the name the key had"
                    + " when each event happened. A revoked key cannot be renamed (409).")
    public ApiKeyView rename(HttpRequest<?> request, @PathVariable String id, @Body @Valid UpdateApiKeyRequest body) {
        ApiPrincipal caller = ApiPrincipal.of(request).require(ApiScope.AGENTS_MANAGE);
        if (!Ids.isUuid(id)) {
            throw notFound(id);
        }
        try {
            commands.send(
                    new RenameApiKey(id, caller.tenantId(), body.name(), clock.instant()),
                    caller.actor(),
                    RequestInfos.of(request));
        } catch (AggregateNotFoundException | IncompatibleAggregateException notAKey) {
            throw notFound(id);
        }
        barrier.awaitViews();
        return view(caller, id);
    }

    @Delete("/{id}")
    @Operation(summary = "Revoke an API key", description = "The key is refused from the next request on.")
    public ApiKeyView revoke(HttpRequest<?> request, @PathVariable String id) {
        ApiPrincipal caller = ApiPrincipal.of(request).require(ApiScope.AGENTS_MANAGE);
        if (!Ids.isUuid(id)) {
            throw notFound(id);
        }
        try {
            commands.send(
                    new RevokeApiKey(id, caller.tenantId(), clock.instant()), caller.actor(), RequestInfos.of(request));
        } catch (AggregateNotFoundException | IncompatibleAggregateException notAKey) {
            // An id that exists nowhere, or names another kind of aggregate (a tenant), is
            // answered exactly like another tenant's key: nothing tells them apart.
            throw notFound(id);
        }
        barrier.awaitViews();
        return view(caller, id);
    }

    private ApiKeyView view(ApiPrincipal caller, String id) {
        if (!Ids.isUuid(id)) {
            throw notFound(id);
        }
        return keys.find(caller.tenantId(), id)
                .map(row -> ApiKeyViews.of(row, usage.lastUsed(id).orElse(null), clock.instant()))
                .orElseThrow(() -> notFound(id));
    }

    private static KeyIdentity identityOf(ApiPrincipal caller, @Nullable IdentityRequest requested) {
        if (requested == null || KeyIdentity.USER.equals(requested.type())) {
            if (!KeyIdentity.USER.equals(caller.credential().identity().type())) {
                throw Problems.forbidden(
                                "identity-escalation",
                                "A key acting as an agent can only create keys for agents, not for the owner.")
                        .deniedFor(AccessDenied.ROLE);
            }
            return KeyIdentity.user(caller.credential().ownerEmail());
        }
        if (KeyIdentity.AGENT.equals(requested.type())) {
            if (requested.name() == null || requested.name().isBlank()) {
                throw Problems.invalid("invalid-identity", "An agent identity needs a name.");
            }
            return KeyIdentity.agent(requested.name());
        }
        throw Problems.invalid(
                "invalid-identity", "identity.type must be 'user' or 'agent', not '" + requested.type() + "'.");
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

    private static RuntimeException notFound(String id) {
        return Problems.notFound("api-key-not-found", "There is no API key with id '" + id + "'.");
    }
}
