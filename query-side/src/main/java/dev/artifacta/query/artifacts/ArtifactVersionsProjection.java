package dev.artifacta.query.artifacts;

import dev.artifacta.events.ArtifactCreated;
import dev.artifacta.events.ArtifactRestored;
import dev.artifacta.events.ArtifactVersionAppended;
import dev.artifacta.events.AuditMetadata;
import dev.artifacta.events.ContentRef;
import dev.artifacta.query.infrastructure.BatchWrites;
import dev.artifacta.query.infrastructure.OrderedWrites;
import dev.artifacta.query.infrastructure.StreamingView;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;

/**
 * Builds the versions view: one row per version, keyed by artifact and number, inserted once per
 * processor batch ({@link OrderedWrites}).
 */
@Singleton
@ProcessingGroup(ArtifactVersionsProjection.NAME)
@StreamingView(order = 50, tables = "artifact_versions")
public class ArtifactVersionsProjection {

    public static final String NAME = "artifact-versions";

    private static final String BATCH = ArtifactVersionsProjection.class.getName() + ".batch";
    private static final String INSERT = "INSERT INTO artifact_versions (id, artifact_id, tenant_id, version, sha256,"
            + " size, content_type, file_name, restored_from, created_by_name, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final ArtifactVersionsRepository versions;
    private final JdbcOperations jdbc;

    public ArtifactVersionsProjection(ArtifactVersionsRepository versions, JdbcOperations jdbc) {
        this.versions = versions;
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ArtifactCreated event, EventMessage<?> message) {
        add(event.tenantId(), event.artifactId(), 1, event.content(), null, message, event.createdAt());
    }

    @EventHandler
    void on(ArtifactVersionAppended event, EventMessage<?> message) {
        add(event.tenantId(), event.artifactId(), event.version(), event.content(), null, message, event.appendedAt());
    }

    @EventHandler
    void on(ArtifactRestored event, EventMessage<?> message) {
        add(
                event.tenantId(),
                event.artifactId(),
                event.version(),
                event.content(),
                event.restoredFrom(),
                message,
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
            EventMessage<?> message,
            Instant at) {
        String id = ArtifactVersionRow.idOf(artifactId, version);
        String createdBy = AuditMetadata.actor(message.getMetaData()).displayName();
        BatchWrites.handle(
                BATCH,
                message,
                events -> new OrderedWrites(jdbc),
                writes -> writes.insertUnlessPresent(
                        "artifact_versions",
                        "id",
                        id,
                        INSERT,
                        id,
                        artifactId,
                        tenantId,
                        version,
                        content.sha256(),
                        content.size(),
                        content.contentType(),
                        content.fileName(),
                        restoredFrom,
                        createdBy,
                        at));
    }
}
