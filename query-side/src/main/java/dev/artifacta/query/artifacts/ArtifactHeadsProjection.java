package dev.artifacta.query.artifacts;

import dev.artifacta.events.ArtifactAccessUpdated;
import dev.artifacta.events.ArtifactCreated;
import dev.artifacta.events.ArtifactDeleted;
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
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;

/**
 * Builds the artifact heads view: each artifact's metadata, head version and access settings. The
 * head only moves forward, so a replayed event changes nothing.
 */
@Singleton
@ProcessingGroup(ArtifactHeadsProjection.NAME)
@StreamingView(order = 40, tables = "artifact_heads")
public class ArtifactHeadsProjection {

    public static final String NAME = "artifact-heads";

    private static final String BATCH = ArtifactHeadsProjection.class.getName() + ".batch";
    private static final String INSERT = "INSERT INTO artifact_heads (artifact_id, tenant_id, project_id, title,"
            + " head_version, head_sha256, head_size, head_content_type, head_file_name, public_view, public_edit,"
            + " viewer_emails, created_by_name, created_at, updated_at, deleted_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String MOVE_HEAD = "UPDATE artifact_heads SET head_version = ?, head_sha256 = ?,"
            + " head_size = ?, head_content_type = ?, head_file_name = ?, updated_at = ?"
            + " WHERE artifact_id = ? AND head_version < ?";
    private static final String MARK_DELETED = "UPDATE artifact_heads SET deleted_at = ? WHERE artifact_id = ?";
    private static final String UPDATE_ACCESS = "UPDATE artifact_heads SET public_view = ?, public_edit = ?,"
            + " viewer_emails = ?, updated_at = ? WHERE artifact_id = ?";

    private final ArtifactHeadsRepository heads;
    private final JdbcOperations jdbc;

    public ArtifactHeadsProjection(ArtifactHeadsRepository heads, JdbcOperations jdbc) {
        this.heads = heads;
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ArtifactCreated event, EventMessage<?> message) {
        ContentRef content = event.content();
        String createdBy = AuditMetadata.actor(message.getMetaData()).displayName();
        write(
                message,
                writes -> writes.insertUnlessPresent(
                        "artifact_heads",
                        "artifact_id",
                        event.artifactId(),
                        INSERT,
                        event.artifactId(),
                        event.tenantId(),
                        event.projectId(),
                        event.title(),
                        1L,
                        content.sha256(),
                        content.size(),
                        content.contentType(),
                        content.fileName(),
                        event.publicView(),
                        false,
                        "",
                        createdBy,
                        event.createdAt(),
                        event.createdAt(),
                        null));
    }

    @EventHandler
    void on(ArtifactVersionAppended event, EventMessage<?> message) {
        moveHead(message, event.artifactId(), event.version(), event.content(), event.appendedAt());
    }

    @EventHandler
    void on(ArtifactRestored event, EventMessage<?> message) {
        moveHead(message, event.artifactId(), event.version(), event.content(), event.restoredAt());
    }

    @EventHandler
    void on(ArtifactDeleted event, EventMessage<?> message) {
        write(message, writes -> writes.execute(MARK_DELETED, event.deletedAt(), event.artifactId()));
    }

    @EventHandler
    void on(ArtifactAccessUpdated event, EventMessage<?> message) {
        write(
                message,
                writes -> writes.execute(
                        UPDATE_ACCESS,
                        event.publicView(),
                        event.publicEdit(),
                        String.join(",", event.viewerEmails()),
                        event.updatedAt(),
                        event.artifactId()));
    }

    @ResetHandler
    void reset() {
        heads.deleteAll();
    }

    private void moveHead(EventMessage<?> message, String artifactId, long version, ContentRef content, Instant at) {
        write(
                message,
                writes -> writes.execute(
                        MOVE_HEAD,
                        version,
                        content.sha256(),
                        content.size(),
                        content.contentType(),
                        content.fileName(),
                        at,
                        artifactId,
                        version));
    }

    /** Writes go out once per processor batch, in the order the events came. */
    private void write(EventMessage<?> message, Consumer<OrderedWrites> writes) {
        BatchWrites.handle(BATCH, message, events -> new OrderedWrites(jdbc), writes);
    }
}
