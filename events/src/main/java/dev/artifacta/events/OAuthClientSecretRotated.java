package dev.artifacta.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A confidential client's secret was replaced: the old one stops authenticating at once. Tokens
 * already issued stay valid until they expire or are revoked. The new secret is not in the event,
 * only its digest.
 *
 * @param tenantId the owning tenant
 * @param clientId the client
 * @param name its name at the time
 * @param secretPrefix the first characters of the new secret
 * @param secretLast4 the last four characters of the new secret
 * @param secretSha256 lowercase hex SHA-256 of the new secret
 * @param rotatedAt when it was rotated
 */
@Revision("1")
public record OAuthClientSecretRotated(
        String tenantId,
        String clientId,
        String name,
        String secretPrefix,
        String secretLast4,
        String secretSha256,
        Instant rotatedAt)
        implements OAuthClientEvent {}
