package dev.artifacta.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A share link to one artifact was created. The token was shown once; only its SHA-256 and
 * display prefix are recorded.
 *
 * @param tenantId the owning tenant
 * @param linkId the link's id
 * @param artifactId the artifact it opens
 * @param role {@code viewer} or {@code editor}
 * @param tokenSha256 lowercase hex SHA-256 of the token
 * @param prefix the token's display prefix
 * @param expiresAt when it stops working, or null for never
 * @param createdAt when it was created
 */
@Revision("1")
public record ShareLinkCreated(
        String tenantId,
        String linkId,
        String artifactId,
        String role,
        String tokenSha256,
        String prefix,
        Instant expiresAt,
        Instant createdAt)
        implements ShareLinkEvent {}
