package dev.artifacta.server.oauthclients;

import dev.artifacta.command.oauthclients.OAuthClient;
import dev.artifacta.command.shared.SecretText;
import dev.artifacta.events.RequestInfo;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.oauthclients.PendingClientRepository.PendingClient;
import dev.artifacta.server.signup.SignupRateLimit;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Dynamic client registration (RFC 7591) as MCP clients use it: a client registers itself at
 * {@code /oauth/register} with no credential, so no workspace is known yet; it waits here, public
 * and unbound, until a signed-in person approves it on the consent page in a workspace whose owner
 * or admin allowed self-registered clients. That approval registers it in the person's workspace,
 * acting for them ({@link OAuthClientService#registerSelfRegistered}); from then on it is a client
 * of that workspace like any other (listed, disabled). Unbound registrations are deleted after
 * {@code artifacta.oauth.unbound-client-lifetime} (one day), and an address may register
 * {@code artifacta.oauth.registration.rate-limit.max} (20) clients an hour.
 */
@Singleton
public class SelfRegistrations {

    private final PendingClientRepository pending;
    private final OAuthClientService clients;
    private final Clock clock;
    private final Duration lifetime;
    private final SignupRateLimit rateLimit;

    public SelfRegistrations(
            PendingClientRepository pending,
            OAuthClientService clients,
            Clock clock,
            @Value("${artifacta.oauth.unbound-client-lifetime:1d}") Duration lifetime,
            @Value("${artifacta.oauth.registration.rate-limit.max:20}") int maxRegistrations,
            @Value("${artifacta.oauth.registration.rate-limit.window:1h}") Duration window) {
        this.pending = pending;
        this.clients = clients;
        this.clock = clock;
        this.lifetime = lifetime;
        // The same fixed windows per client address as signups (an anonymous write, like them).
        this.rateLimit = new SignupRateLimit(clock, maxRegistrations, window);
    }

    /**
     * Counts a registration attempt from the address: empty within the limit, else the seconds to
     * wait.
     */
    public OptionalLong attempt(String clientAddress) {
        return rateLimit.attempt(clientAddress);
    }

    /**
     * Keeps a self-registered client; its redirect URIs must be what a registered client's may be
     * (an {@code InvalidRequest} otherwise).
     */
    public PendingClient register(
            String name, List<String> scopes, List<String> grantTypes, List<String> redirectUris) {
        redirectUris.forEach(OAuthClient::requireValidRedirect);
        String cleanName = SecretText.redact(name == null || name.isBlank() ? "Unnamed client" : name.strip());
        var client = new PendingClient(
                UUID.randomUUID().toString(),
                cleanName.length() > 100 ? cleanName.substring(0, 100) : cleanName,
                String.join(",", scopes),
                String.join(",", grantTypes),
                String.join("\n", redirectUris),
                clock.instant());
        return pending.save(client);
    }

    /** The self-registered client not yet approved in any workspace, if the id is one. */
    public Optional<PendingClient> find(String clientId) {
        return clientId == null || clientId.length() > 64 ? Optional.empty() : pending.findById(clientId);
    }

    /** Whether the person's workspace lets them approve self-registered clients. */
    public boolean allowedFor(Principal.User user) {
        return clients.allowsClientRegistration(user.tenant().id());
    }

    /** The person approved it: it becomes a client of their workspace, acting for them. */
    public void bind(PendingClient client, Principal.User user, RequestInfo request) {
        clients.registerSelfRegistered(
                user,
                client.clientId(),
                client.name(),
                split(client.scopes(), ","),
                split(client.grantTypes(), ","),
                split(client.redirectUris(), "\n"),
                request);
        pending.deleteById(client.clientId());
    }

    @Scheduled(fixedDelay = "${artifacta.oauth.purge-interval:1h}", initialDelay = "5m")
    public long purge() {
        return pending.deleteRegisteredBefore(clock.instant().minus(lifetime));
    }

    private static List<String> split(String joined, String separator) {
        return joined.isEmpty() ? List.of() : List.of(joined.split(separator));
    }
}
