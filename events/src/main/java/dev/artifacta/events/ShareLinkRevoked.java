package dev.artifacta.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A share link was revoked; it opens nothing from now on.
 *
 * @param tenantId the owning tenant
 * @param linkId the link
 * @param artifactId the artifact it opened
 * @param revokedAt when it was revoked
 */
@Revision("1")
public record ShareLinkRevoked(String tenantId, String linkId, String artifactId, Instant revokedAt)
        implements ShareLinkEvent {}
