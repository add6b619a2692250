package dev.artifacta.command.oauthclients;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The tenant's OAuth clients as the command side's lookup table holds them (written in the
 * append's transaction, so a registration, rotation or disabling is seen by the next request).
 * The web layer lists and reads clients through it: a tenant has a handful of clients, and a list
 * that is never behind its own writes needs no view of its own.
 */
public interface OAuthClientDirectory {

    /** A client as stored: never its secret, only the parts of it shown for recognition. */
    record Client(
            String clientId,
            String tenantId,
            String name,
            List<String> scopes,
            List<String> grantTypes,
            List<String> redirectUris,
            String secretPrefix,
            String secretLast4,
            String identityType,
            String identityName,
            String identityAgentId,
            boolean disabled,
            Instant registeredAt,
            Instant updatedAt) {

        public boolean confidential() {
            return secretPrefix != null;
        }
    }

    List<Client> list(String tenantId);

    Optional<Client> find(String tenantId, String clientId);
}
