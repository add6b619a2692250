package dev.artifacta.events;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * An artifact's access settings were replaced.
 *
 * @param tenantId the owning tenant
 * @param artifactId the artifact
 * @param publicView whether unauthenticated callers may view it
 * @param publicEdit whether unauthenticated callers may edit it
 * @param viewerEmails emails allowed to view it once signed in, sorted
 * @param updatedAt when the settings changed
 */
@Revision("1")
public record ArtifactAccessUpdated(
        String tenantId,
        String artifactId,
        boolean publicView,
        boolean publicEdit,
        List<String> viewerEmails,
        Instant updatedAt)
        implements ArtifactEvent {

    public ArtifactAccessUpdated {
        viewerEmails = List.copyOf(viewerEmails);
    }
}
