package dev.artifacta.server.access;

import dev.artifacta.events.Actor;
import dev.artifacta.events.ApiScope;
import dev.artifacta.events.Attribution;
import dev.artifacta.events.KeyIdentity;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling: exactly one per request, resolved by the authentication sources (API keys, share
 * links; sessions and OAuth tokens plug in the same way) and handed to {@link AccessPolicy}. The
 * type is sealed, so a switch over it fails to compile where a new kind of caller is not handled.
 */
public sealed interface Principal extends Attribution {

    /** The tenant a principal belongs to, as read with its credential. */
    record Tenancy(String id, String name, String plan) {}

    /** The identities a credential can act as: a person or an agent. */
    sealed interface Identity extends Principal permits User, Agent {

        Tenancy tenant();

        Role role();

        /** How a key acting as this identity names it. */
        KeyIdentity keyIdentity();
    }

    /**
     * A person, a member of a tenant with a workspace role. People are named by their email (their
     * id is {@code UserIds.of(email)}); {@code emailVerified} is true when the identity provider
     * vouched for the email in this request's session, which email allowlists require.
     */
    record User(Tenancy tenant, String userId, String email, String displayName, Role role, boolean emailVerified)
            implements Identity {

        @Override
        public KeyIdentity keyIdentity() {
            return KeyIdentity.user(email);
        }
    }

    /** An agent of a tenant, with its own role (never owner) and the user who sponsors it. */
    record Agent(Tenancy tenant, String agentId, String name, Role role, String sponsorId) implements Identity {

        @Override
        public KeyIdentity keyIdentity() {
            return KeyIdentity.agent(agentId, name);
        }
    }

    /** An API key acting for a user or an agent, limited to its scopes. */
    record ApiKey(String keyId, String keyName, String prefix, String last4, Set<String> scopes, Identity actingFor)
            implements Principal {

        public ApiKey {
            scopes = Set.copyOf(scopes);
        }

        public Tenancy tenant() {
            return actingFor.tenant();
        }

        public boolean has(ApiScope scope) {
            return scopes.contains(scope.value());
        }
    }

    /** An OAuth client (such as an MCP client), limited to its granted scopes, acting for an identity. */
    record OAuthClient(String clientId, String name, Set<String> scopes, Identity actingFor) implements Principal {

        public OAuthClient {
            scopes = Set.copyOf(scopes);
        }
    }

    /** The holder of a share link: its role on one artifact of one tenant, nothing else. */
    record ShareLink(String tenantId, String linkId, String prefix, String artifactId, Role role)
            implements Principal {}

    /** An operator or an internal actor of the server itself (the admin API, start-up steps). */
    record Service(String id, String displayName) implements Principal {}

    /** Nobody authenticated: only what an artifact's public switches allow. */
    record Anonymous() implements Principal {}

    Anonymous ANONYMOUS = new Anonymous();

    /** The principal type as the audit log and whoami name it. */
    default String type() {
        return switch (this) {
            case User user -> Actor.USER;
            case Agent agent -> Actor.AGENT;
            case ApiKey key -> Actor.API_KEY;
            case OAuthClient client -> Actor.OAUTH_CLIENT;
            case ShareLink link -> Actor.SHARE_LINK;
            case Service service -> Actor.SERVICE;
            case Anonymous anonymous -> "anonymous";
        };
    }

    /** The tenant the principal acts in; empty for service and anonymous callers. */
    default Optional<String> inTenant() {
        return switch (this) {
            case Identity identity -> Optional.of(identity.tenant().id());
            case ApiKey key -> Optional.of(key.tenant().id());
            case OAuthClient client -> Optional.of(client.actingFor().tenant().id());
            case ShareLink link -> Optional.of(link.tenantId());
            case Service service -> Optional.empty();
            case Anonymous anonymous -> Optional.empty();
        };
    }

    /** The identity behind the principal (the user or agent it acts for), if any. */
    default Optional<Identity> identity() {
        return switch (this) {
            case Identity identity -> Optional.of(identity);
            case ApiKey key -> Optional.of(key.actingFor());
            case OAuthClient client -> Optional.of(client.actingFor());
            case ShareLink link -> Optional.empty();
            case Service service -> Optional.empty();
            case Anonymous anonymous -> Optional.empty();
        };
    }

    /** Who the audit trail names for this principal's actions: type, id, display name, the key behind it. */
    @Override
    default Actor actor() {
        return switch (this) {
            case User user -> Actor.person(user.userId(), user.email(), user.displayName());
            case Agent agent ->
                new Actor(Actor.AGENT, agent.agentId(), "Agent: " + agent.name(), null, null, agent.keyIdentity());
            case ApiKey key ->
                Actor.apiKey(key.keyId(), key.keyName(), key.actingFor().keyIdentity());
            case OAuthClient client ->
                new Actor(
                        Actor.OAUTH_CLIENT,
                        client.clientId(),
                        "OAuth client: " + client.name(),
                        null,
                        null,
                        client.actingFor().keyIdentity());
            case ShareLink link ->
                new Actor(Actor.SHARE_LINK, link.linkId(), "Share link: " + link.prefix() + "…", null, null, null);
            case Service service -> Actor.service(service.id(), service.displayName());
            case Anonymous anonymous ->
                new Actor(Actor.USER, "anonymous", "Anonymous (public access)", null, null, null);
        };
    }

    /** The user who answers for an agent behind this principal, for the audit trail; else null. */
    @Override
    default String sponsor() {
        return identity()
                .filter(Agent.class::isInstance)
                .map(a -> ((Agent) a).sponsorId())
                .orElse(null);
    }
}
