package dev.artifacta.query.artifacts;

import dev.artifacta.events.ArtifactCreated;
import dev.artifacta.events.ArtifactRestored;
import dev.artifacta.events.ArtifactVersionAppended;
import dev.artifacta.events.AuditMetadata;
import dev.artifacta.events.ContentRef;
import jakarta.inject.Singleton;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.MetaData;

/** Builds the versions view: one row per version, keyed by artifact and number. */
@Singleton
@ProcessingGroup(ArtifactVersionsProjection.NAME)
public class ArtifactVersionsProjection {

    public static final String NAME = "artifact-versions";

    private final ArtifactVersionsRepository versions;

    public ArtifactVersionsProjection(ArtifactVersionsRepository versions) {
        this.versions = versions;
    }

    @EventHandler
    void on(ArtifactCreated event, MetaData metaData) {
        add(event.tenantId(), event.artifactId(), 1, event.content(), null, metaData, event.createdAt());
    }

    @EventHandler
    void on(ArtifactVersionAppended event, MetaData metaData) {
        add(event.tenantId(), event.artifactId(), event.version(), event.content(), null, metaData, event.appendedAt());
    }

    @EventHandler
    void on(ArtifactRestored event, MetaData metaData) {
        add(
                event.tenantId(),
                event.artifactId(),
                event.version(),
                event.content(),
                event.restoredFrom(),
                metaData,
                event.restoredAt());
    }

    @ResetHandler
    void reset() {
        versions.deleteAll();
    }

    private void add(
            String tenantId,
            String artifactId,
            long version,
            ContentRef content,
            Long restoredFrom,
            MetaData metaData,
            Instant at) {
        String id = ArtifactVersionRow.idOf(artifactId, version);
        if (versions.existsById(id)) {
            return;
        }
        versions.save(new ArtifactVersionRow(
                id,
                artifactId,
                tenantId,
                version,
                content.sha256(),
                content.size(),
                content.contentType(),
                content.fileName(),
                restoredFrom,
                AuditMetadata.actor(metaData).displayName(),
                at));
    }
}
