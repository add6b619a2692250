package dev.artifacta.server.oauthclients;

import dev.artifacta.command.apikeys.ApiKeySecrets;
import dev.artifacta.command.apikeys.IssuedSecret;
import dev.artifacta.command.oauthclients.DisableOAuthClient;
import dev.artifacta.command.oauthclients.OAuthClient;
import dev.artifacta.command.oauthclients.OAuthClientDirectory;
import dev.artifacta.command.oauthclients.OAuthClientDirectory.Client;
import dev.artifacta.command.oauthclients.RegisterOAuthClient;
import dev.artifacta.command.oauthclients.RotateOAuthClientSecret;
import dev.artifacta.command.tenants.ChangeClientRegistration;
import dev.artifacta.command.tenants.TenantSettings;
import dev.artifacta.events.ApiScope;
import dev.artifacta.events.RequestInfo;
import dev.artifacta.server.access.AccessPolicy;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.auth.Principals;
import dev.artifacta.server.auth.Refusals;
import dev.artifacta.server.http.Ids;
import dev.artifacta.server.http.ProblemException;
import dev.artifacta.server.http.Problems;
import dev.artifacta.server.oauthclients.OAuthClientViews.OAuthClientView;
import dev.artifacta.server.oauthclients.OAuthClientViews.OAuthClientWithSecret;
import dev.artifacta.server.processing.axon.Commands;
import dev.artifacta.server.processing.views.ReadModelBarrier;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * The OAuth client use cases: register (its tokens act for the registering user, with at most the
 * scopes that user's credential holds), list, read, rotate the secret and disable. Owners and admins
 * manage clients, through {@link AccessPolicy#decideOAuthClientManagement}. A client's secret is
 * generated here, shown in the one answer, and only its digest travels on.
 */
@Singleton
public class OAuthClientService {

    /** The marker of client secrets; the leak guards recognise it like {@code ak_live_}. */
    public static final String SECRET_PREFIX = "cs_live_";

    private static final ApiKeySecrets SECRETS = ApiKeySecrets.withPrefix(SECRET_PREFIX);

    private final Commands commands;
    private final OAuthClientDirectory clients;
    private final ReadModelBarrier barrier;
    private final TenantSettings tenants;
    private final Clock clock;

    public OAuthClientService(
            Commands commands,
            OAuthClientDirectory clients,
            ReadModelBarrier barrier,
            TenantSettings tenants,
            Clock clock) {
        this.commands = commands;
        this.clients = clients;
        this.barrier = barrier;
        this.tenants = tenants;
        this.clock = clock;
    }

    /**
     * Registers a client. A client with the {@code client_credentials} grant is confidential: it
     * gets a secret. A client with only {@code authorization_code} (and {@code refresh_token}) is
     * public when {@code confidential} is false (it proves itself with PKCE instead).
     */
    public OAuthClientWithSecret register(
            Principal principal,
            String name,
            List<String> scopes,
            List<String> grantTypes,
            List<String> redirectUris,
            boolean confidential,
            RequestInfo request) {
        // Unknown scopes are the aggregate's 422, not an escalation.
        String tenantId = requireManager(
                principal,
                scopes.stream()
                        .filter(scope -> ApiScope.parse(scope).isPresent())
                        .collect(java.util.stream.Collectors.toSet()));
        Principal.Identity identity = principal.identity().orElseThrow();
        String clientId = UUID.randomUUID().toString();
        IssuedSecret secret =
                confidential || grantTypes.contains(OAuthClient.CLIENT_CREDENTIALS) ? SECRETS.generate() : null;
        commands.send(
                new RegisterOAuthClient(
                        clientId,
                        tenantId,
                        name,
                        scopes,
                        grantTypes,
                        redirectUris,
                        secret == null ? null : secret.digest(),
                        identity.keyIdentity(),
                        clock.instant()),
                principal,
                request);
        barrier.awaitViews();
        Client client = clients.find(tenantId, clientId).orElseThrow();
        return OAuthClientViews.withSecret(client, secret == null ? null : secret.revealOnce());
    }

    /** Whether the caller's workspace lets self-registered clients (RFC 7591) be approved. */
    public boolean clientRegistration(Principal principal) {
        return tenants.allowsClientRegistration(requireManager(principal, Set.of()));
    }

    /** An owner or admin turns self-registration on or off; answers the setting now. */
    public boolean changeClientRegistration(Principal principal, boolean enabled, RequestInfo request) {
        String tenantId = requireManager(principal, Set.of());
        commands.send(new ChangeClientRegistration(tenantId, enabled, clock.instant()), principal, request);
        return tenants.allowsClientRegistration(tenantId);
    }

    /** Whether the workspace lets self-registered clients be approved by its members. */
    public boolean allowsClientRegistration(String tenantId) {
        return tenants.allowsClientRegistration(tenantId);
    }

    /**
     * Registers a client that registered itself (RFC 7591, public, without a secret) in the workspace
     * of the person approving it, acting for them, with at most their role's scopes: a member may
     * connect an application for themselves when the workspace allows it, as an owner or admin may
     * register one for anyone.
     */
    public void registerSelfRegistered(
            Principal.User user,
            String clientId,
            String name,
            List<String> scopes,
            List<String> grantTypes,
            List<String> redirectUris,
            RequestInfo request) {
        String tenantId = user.tenant().id();
        if (!tenants.allowsClientRegistration(tenantId)) {
            throw Problems.forbidden(
                    "client-registration-disabled", "This workspace does not allow self-registered clients.");
        }
        List<String> allowed =
                scopes.stream().filter(user.role().scopes()::contains).toList();
        commands.send(
                new RegisterOAuthClient(
                        clientId,
                        tenantId,
                        name,
                        allowed,
                        grantTypes,
                        redirectUris,
                        null,
                        user.keyIdentity(),
                        clock.instant()),
                user,
                request);
    }

    public List<OAuthClientView> list(Principal principal) {
        String tenantId = requireManager(principal, Set.of());
        return clients.list(tenantId).stream().map(OAuthClientViews::of).toList();
    }

    public OAuthClientView read(Principal principal, String clientId) {
        String tenantId = requireManager(principal, Set.of());
        return OAuthClientViews.of(visible(tenantId, clientId));
    }

    /** A new secret for a confidential client: the old one stops working at once. */
    public OAuthClientWithSecret rotateSecret(Principal principal, String clientId, RequestInfo request) {
        String tenantId = requireManager(principal, Set.of());
        Client client = visible(tenantId, clientId);
        // Whoever rotates hands the new secret out: they must hold what it can ask for.
        requireManager(principal, Set.copyOf(client.scopes()));
        IssuedSecret secret = SECRETS.generate();
        send(
                new RotateOAuthClientSecret(clientId, tenantId, secret.digest(), clock.instant()),
                clientId,
                principal,
                request);
        barrier.awaitViews();
        return OAuthClientViews.withSecret(clients.find(tenantId, clientId).orElseThrow(), secret.revealOnce());
    }

    /** Disables a client: no new tokens, and its tokens are refused from the next request on. */
    public OAuthClientView disable(Principal principal, String clientId, RequestInfo request) {
        String tenantId = requireManager(principal, Set.of());
        visible(tenantId, clientId);
        send(new DisableOAuthClient(clientId, tenantId, clock.instant()), clientId, principal, request);
        barrier.awaitViews();
        return OAuthClientViews.of(clients.find(tenantId, clientId).orElseThrow());
    }

    private String requireManager(Principal principal, Set<String> scopes) {
        String tenantId = Principals.tenantOf(principal);
        Refusals.enforce(
                AccessPolicy.decideOAuthClientManagement(principal, tenantId, scopes),
                () -> Problems.unauthenticated("This request needs an API key."),
                "oauth_client.manage");
        return tenantId;
    }

    private Client visible(String tenantId, String clientId) {
        return (Ids.isUuid(clientId) ? clients.find(tenantId, clientId) : java.util.Optional.<Client>empty())
                .orElseThrow(() -> notFound(clientId));
    }

    private void send(Object command, String clientId, Principal principal, RequestInfo request) {
        try {
            commands.send(command, principal, request);
        } catch (AggregateNotFoundException | IncompatibleAggregateException notAClient) {
            throw notFound(clientId);
        }
    }

    static ProblemException notFound(String clientId) {
        return Problems.notFound("oauth-client-not-found", "There is no OAuth client with id '" + clientId + "'.");
    }
}
