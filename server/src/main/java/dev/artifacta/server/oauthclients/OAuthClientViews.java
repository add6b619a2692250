package dev.artifacta.server.oauthclients;

import dev.artifacta.command.oauthclients.OAuthClientDirectory.Client;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/** How OAuth clients look in responses: never a secret, but for the one answer that issues it. */
public final class OAuthClientViews {

    private OAuthClientViews() {}

    /** Who a client's tokens act for. */
    @Serdeable
    public record ActingFor(String type, String name) {}

    /** An OAuth client. {@code secretPrefix} and {@code secretLast4} are null for a public client. */
    @Serdeable
    public record OAuthClientView(
            String clientId,
            String name,
            List<String> scopes,
            List<String> grantTypes,
            List<String> redirectUris,
            boolean confidential,
            @Nullable String secretPrefix,
            @Nullable String secretLast4,
            ActingFor actingFor,
            String status,
            Instant createdAt,
            Instant updatedAt) {}

    /**
     * A client with its secret, answered once: at registration (for a confidential client) and
     * after a rotation. Store the secret now; it cannot be shown again.
     */
    @Serdeable
    public record OAuthClientWithSecret(
            String clientId,
            @Nullable String clientSecret,
            String name,
            List<String> scopes,
            List<String> grantTypes,
            List<String> redirectUris,
            boolean confidential,
            @Nullable String secretPrefix,
            @Nullable String secretLast4,
            ActingFor actingFor,
            String status,
            Instant createdAt,
            Instant updatedAt) {

        @Override
        public String toString() {
            return "OAuthClientWithSecret[" + clientId + "]";
        }
    }

    /** A list of clients. */
    @Serdeable
    public record OAuthClientList(List<OAuthClientView> items) {}

    public static OAuthClientView of(Client client) {
        return new OAuthClientView(
                client.clientId(),
                client.name(),
                client.scopes(),
                client.grantTypes(),
                client.redirectUris(),
                client.confidential(),
                client.secretPrefix(),
                client.secretLast4(),
                new ActingFor(client.identityType(), client.identityName()),
                client.disabled() ? "disabled" : "active",
                client.registeredAt(),
                client.updatedAt());
    }

    public static OAuthClientWithSecret withSecret(Client client, String secret) {
        OAuthClientView view = of(client);
        return new OAuthClientWithSecret(
                view.clientId(),
                secret,
                view.name(),
                view.scopes(),
                view.grantTypes(),
                view.redirectUris(),
                view.confidential(),
                view.secretPrefix(),
                view.secretLast4(),
                view.actingFor(),
                view.status(),
                view.createdAt(),
                view.updatedAt());
    }
}
