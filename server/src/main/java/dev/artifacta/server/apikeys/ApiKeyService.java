package dev.artifacta.server.apikeys;

import dev.artifacta.command.apikeys.ApiKey;
import dev.artifacta.command.apikeys.ApiKeySecrets;
import dev.artifacta.command.apikeys.CreateApiKey;
import dev.artifacta.command.apikeys.IssuedSecret;
import dev.artifacta.command.apikeys.KeyAllowances;
import dev.artifacta.command.apikeys.RenameApiKey;
import dev.artifacta.command.apikeys.RevokeApiKey;
import dev.artifacta.command.shared.PlainText;
import dev.artifacta.events.ApiScope;
import dev.artifacta.events.KeyIdentity;
import dev.artifacta.events.RequestInfo;
import dev.artifacta.query.agents.AgentListRow;
import dev.artifacta.query.apikeylist.ApiKeyListQueries;
import dev.artifacta.query.apikeylist.ApiKeyListQueries.StatusFilter;
import dev.artifacta.query.apikeylist.ApiKeyListRow;
import dev.artifacta.server.access.AccessPolicy;
import dev.artifacta.server.access.AccessPolicy.Credential;
import dev.artifacta.server.access.AccessPolicy.CredentialAction;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.agents.AgentService;
import dev.artifacta.server.apikeys.ApiKeyViews.ApiKeyView;
import dev.artifacta.server.apikeys.ApiKeyViews.CreatedApiKey;
import dev.artifacta.server.auth.Principals;
import dev.artifacta.server.auth.Refusals;
import dev.artifacta.server.http.Ids;
import dev.artifacta.server.http.Pages;
import dev.artifacta.server.http.ProblemException;
import dev.artifacta.server.http.Problems;
import dev.artifacta.server.processing.axon.Commands;
import dev.artifacta.server.processing.views.ReadModelBarrier;
import dev.artifacta.server.usage.UsageCounters;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * The API key use cases. Every one asks {@link AccessPolicy#decideCredential} about the key it
 * touches, so nobody creates, reads, renames or revokes a key above their own authority: a key
 * acting as an agent reaches only its agent's keys, and no key grants or manages a scope its
 * manager lacks.
 */
@Singleton
public class ApiKeyService {

    /** Who a new key acts as, as the request names it. */
    public sealed interface RequestedIdentity {
        /** The caller's user ({@code {"type":"user"}}, the default). */
        record CallerUser() implements RequestedIdentity {}

        /** An agent by id. */
        record AgentById(String agentId) implements RequestedIdentity {}

        /** An agent by name, created when the tenant has none so named (the form clients used before agents had ids). */
        record AgentByName(String name) implements RequestedIdentity {}
    }

    private final Commands commands;
    private final ApiKeyListQueries keys;
    private final AgentService agents;
    private final UsageCounters usage;
    private final ReadModelBarrier barrier;
    private final KeyAllowances allowances;
    private final ApiKeySecrets secrets = new ApiKeySecrets();
    private final Clock clock;

    public ApiKeyService(
            Commands commands,
            ApiKeyListQueries keys,
            AgentService agents,
            UsageCounters usage,
            ReadModelBarrier barrier,
            KeyAllowances allowances,
            Clock clock) {
        this.allowances = allowances;
        this.commands = commands;
        this.keys = keys;
        this.agents = agents;
        this.usage = usage;
        this.barrier = barrier;
        this.clock = clock;
    }

    public CreatedApiKey create(
            Principal principal,
            String name,
            String description,
            List<String> requestedScopes,
            RequestedIdentity requested,
            Instant expiresAt,
            RequestInfo request) {
        String tenantId = Principals.tenantOf(principal);
        List<String> scopes = requestedScopes == null
                ? ApiScope.DEFAULTS.stream().map(ApiScope::value).toList()
                : requestedScopes;
        Instant now = clock.instant();
        String keyId = UUID.randomUUID().toString();
        IssuedSecret secret = secrets.generate();
        java.util.function.Function<KeyIdentity, CreateApiKey> command = identity ->
                new CreateApiKey(keyId, tenantId, name, description, secret.digest(), scopes, identity, expiresAt, now);
        KeyIdentity identity = identityOf(principal, requested, request, provisional -> {
            // An agent named for the key is created first: everything that could refuse the key is
            // checked before, so that a refused key leaves no agent behind.
            authorizeCreation(principal, tenantId, provisional, scopes);
            ApiKey.requireAcceptable(
                    command.apply(provisional),
                    allowances.allowanceFor(tenantId, PlainText.normalized("key name", name), now));
        });
        authorizeCreation(principal, tenantId, identity, scopes);
        commands.send(command.apply(identity), principal, request);
        barrier.awaitViews();
        return ApiKeyViews.created(
                keyId, name, description, secret, scopes, identity, principal.actor(), now, expiresAt);
    }

    /** A page of keys, and the cursor of the next page (null on the last). */
    public record KeyPage(List<ApiKeyView> items, String nextCursor) {}

    /**
     * A page of the keys the principal may see with the given status, newest first, after the key
     * the cursor names. The view is read in batches until the page is full and one more key that
     * belongs on it is known to follow (keys the status or the policy leaves out are skipped).
     */
    public KeyPage list(Principal principal, StatusFilter filter, String cursor, int limit) {
        String tenantId = Principals.tenantOf(principal);
        Instant now = clock.instant();
        KeyPosition position = KeyPosition.decode(cursor);
        List<ApiKeyListRow> page = new ArrayList<>();
        boolean more = false;
        scan:
        while (true) {
            List<ApiKeyListRow> batch = keys.page(tenantId, position.createdAt(), position.keyId(), limit + 1);
            for (ApiKeyListRow row : batch) {
                position = KeyPosition.of(row);
                if (!filter.admits(row, now)
                        || !AccessPolicy.decideCredential(principal, CredentialAction.READ, credentialOf(row))
                                .allowed()) {
                    continue;
                }
                if (page.size() == limit) {
                    more = true;
                    break scan;
                }
                page.add(row);
            }
            if (batch.size() <= limit) {
                break;
            }
        }
        Map<String, Instant> lastUsed = usage.lastUsedByKey(tenantId);
        return new KeyPage(
                page.stream()
                        .map(row -> ApiKeyViews.of(row, lastUsed.get(row.keyId()), now))
                        .toList(),
                more ? KeyPosition.of(page.getLast()).encode() : null);
    }

    /** Where a page of keys ends: the last key's creation time (in microseconds, as stored) and id. */
    private record KeyPosition(Instant createdAt, String keyId) {

        private static final String KIND = "k1";

        static KeyPosition of(ApiKeyListRow row) {
            return new KeyPosition(row.createdAt(), row.keyId());
        }

        static KeyPosition decode(String cursor) {
            if (cursor == null) {
                return new KeyPosition(ApiKeyListQueries.END_OF_TIME, "~");
            }
            List<String> parts = Pages.parts(cursor, KIND, Pages::isNumber, Ids::isUuid);
            return new KeyPosition(Instant.EPOCH.plus(Long.parseLong(parts.get(0)), ChronoUnit.MICROS), parts.get(1));
        }

        String encode() {
            return Pages.cursor(KIND, Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, createdAt)), keyId);
        }
    }

    public ApiKeyView read(Principal principal, String keyId) {
        return view(authorized(principal, keyId, CredentialAction.READ));
    }

    public ApiKeyView rename(Principal principal, String keyId, String name, RequestInfo request) {
        ApiKeyListRow row = authorized(principal, keyId, CredentialAction.RENAME);
        send(new RenameApiKey(keyId, row.tenantId(), name, clock.instant()), keyId, principal, request);
        barrier.awaitViews();
        return view(authorized(principal, keyId, CredentialAction.READ));
    }

    public ApiKeyView revoke(Principal principal, String keyId, RequestInfo request) {
        ApiKeyListRow row = authorized(principal, keyId, CredentialAction.REVOKE);
        send(new RevokeApiKey(keyId, row.tenantId(), clock.instant()), keyId, principal, request);
        barrier.awaitViews();
        return view(authorized(principal, keyId, CredentialAction.READ));
    }

    private ApiKeyView view(ApiKeyListRow row) {
        return ApiKeyViews.of(row, usage.lastUsed(row.keyId()).orElse(null), clock.instant());
    }

    /** The key, when the policy lets the principal perform the action on it; the refusal otherwise. */
    private ApiKeyListRow authorized(Principal principal, String keyId, CredentialAction action) {
        if (!Ids.isUuid(keyId)) {
            throw notFound(keyId);
        }
        ApiKeyListRow row = keys.find(Principals.tenantOf(principal), keyId).orElseThrow(() -> notFound(keyId));
        Refusals.enforce(
                AccessPolicy.decideCredential(principal, action, credentialOf(row)),
                () -> notFound(keyId),
                "api_key." + action.name().toLowerCase(java.util.Locale.ROOT));
        return row;
    }

    private void send(Object command, String keyId, Principal principal, RequestInfo request) {
        try {
            commands.send(command, principal, request);
        } catch (AggregateNotFoundException | IncompatibleAggregateException notAKey) {
            // An id that exists nowhere, or names another kind of aggregate (a tenant), is
            // answered exactly like another tenant's key: nothing tells them apart.
            throw notFound(keyId);
        }
    }

    private static Credential credentialOf(ApiKeyListRow row) {
        return new Credential(
                row.tenantId(),
                new KeyIdentity(row.identityType(), row.identityName(), row.identityAgentId()),
                Arrays.stream(row.scopes().split(",")).filter(s -> !s.isEmpty()).collect(Collectors.toSet()));
    }

    private static void authorizeCreation(
            Principal principal, String tenantId, KeyIdentity identity, List<String> scopes) {
        Set<String> known = scopes.stream()
                .filter(scope -> ApiScope.parse(scope).isPresent())
                .collect(Collectors.toSet());
        // Unknown scopes are the aggregate's to refuse (422); the policy judges the known ones.
        Refusals.enforce(
                AccessPolicy.decideCredential(
                        principal, CredentialAction.CREATE, new Credential(tenantId, identity, known)),
                () -> Problems.unauthenticated("This request needs an API key."),
                "api_key.create");
    }

    private KeyIdentity identityOf(
            Principal principal,
            RequestedIdentity requested,
            RequestInfo request,
            java.util.function.Consumer<KeyIdentity> beforeCreatingAnAgent) {
        Principal.Identity own = principal.identity().orElseThrow();
        return switch (requested) {
            case RequestedIdentity.CallerUser user ->
                switch (own) {
                    case Principal.User person -> person.keyIdentity();
                    case Principal.Agent agent ->
                        throw Problems.forbidden(
                                        "identity-escalation",
                                        "A key acting as an agent can only create keys for agents, not for a user.")
                                .deniedFor(dev.artifacta.events.AccessDenied.IDENTITY);
                };
            case RequestedIdentity.AgentById byId ->
                agents.find(principal, byId.agentId())
                        .map(ApiKeyService::agentIdentity)
                        .orElseThrow(() -> Problems.invalid(
                                "invalid-identity", "There is no agent with id '" + byId.agentId() + "'."));
            case RequestedIdentity.AgentByName byName ->
                agents.findByName(principal, byName.name())
                        .map(ApiKeyService::agentIdentity)
                        .orElseGet(() -> {
                            beforeCreatingAnAgent.accept(
                                    new KeyIdentity(KeyIdentity.AGENT, byName.name(), "agent-to-be-created"));
                            return agentIdentity(agents.findOrCreateByName(principal, byName.name(), request));
                        });
        };
    }

    private static KeyIdentity agentIdentity(AgentListRow agent) {
        return KeyIdentity.agent(agent.agentId(), agent.name());
    }

    static ProblemException notFound(String id) {
        return Problems.notFound("api-key-not-found", "There is no API key with id '" + id + "'.");
    }
}
