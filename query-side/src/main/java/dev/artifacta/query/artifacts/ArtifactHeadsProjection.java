package dev.artifacta.query.artifacts;

import dev.artifacta.events.ArtifactAccessUpdated;
import dev.artifacta.events.ArtifactCreated;
import dev.artifacta.events.ArtifactDeleted;
import dev.artifacta.events.ArtifactRestored;
import dev.artifacta.events.ArtifactVersionAppended;
import dev.artifacta.events.AuditMetadata;
import dev.artifacta.events.ContentRef;
import jakarta.inject.Singleton;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.MetaData;

/**
 * Builds the artifact heads view: each artifact's metadata, head version and access settings. The
 * head only moves forward, so a replayed event changes nothing.
 */
@Singleton
@ProcessingGroup(ArtifactHeadsProjection.NAME)
public class ArtifactHeadsProjection {

    public static final String NAME = "artifact-heads";

    private final ArtifactHeadsRepository heads;

    public ArtifactHeadsProjection(ArtifactHeadsRepository heads) {
        this.heads = heads;
    }

    @EventHandler
    void on(ArtifactCreated event, MetaData metaData) {
        if (heads.existsById(event.artifactId())) {
            return;
        }
        ContentRef content = event.content();
        heads.save(new ArtifactHeadRow(
                event.artifactId(),
                event.tenantId(),
                event.projectId(),
                event.title(),
                1,
                content.sha256(),
                content.size(),
                content.contentType(),
                content.fileName(),
                event.publicView(),
                false,
                "",
                AuditMetadata.actor(metaData).displayName(),
                event.createdAt(),
                event.createdAt(),
                null));
    }

    @EventHandler
    void on(ArtifactVersionAppended event) {
        moveHead(event.artifactId(), event.version(), event.content(), event.appendedAt());
    }

    @EventHandler
    void on(ArtifactRestored event) {
        moveHead(event.artifactId(), event.version(), event.content(), event.restoredAt());
    }

    @EventHandler
    void on(ArtifactDeleted event) {
        heads.markDeleted(event.artifactId(), event.deletedAt());
    }

    @EventHandler
    void on(ArtifactAccessUpdated event) {
        heads.updateAccess(
                event.artifactId(),
                event.publicView(),
                event.publicEdit(),
                String.join(",", event.viewerEmails()),
                event.updatedAt());
    }

    @ResetHandler
    void reset() {
        heads.deleteAll();
    }

    private void moveHead(String artifactId, long version, ContentRef content, java.time.Instant at) {
        heads.moveHead(
                artifactId, version, content.sha256(), content.size(), content.contentType(), content.fileName(), at);
    }
}
