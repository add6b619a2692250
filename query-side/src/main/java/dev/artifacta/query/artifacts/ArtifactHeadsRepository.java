package dev.artifacta.query.artifacts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;

/** The artifact heads view. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ArtifactHeadsRepository extends CrudRepository<ArtifactHeadRow, String> {

    @Query("SELECT * FROM artifact_heads WHERE tenant_id = :tenantId AND project_id = :projectId"
            + " AND deleted_at IS NULL AND artifact_id > :after ORDER BY artifact_id LIMIT :limit")
    List<ArtifactHeadRow> findPage(String tenantId, String projectId, String after, int limit);

    @Query("UPDATE artifact_heads SET head_version = :version, head_sha256 = :sha256, head_size = :size,"
            + " head_content_type = :contentType, head_file_name = :fileName, updated_at = :at"
            + " WHERE artifact_id = :artifactId AND head_version < :version")
    void moveHead(
            String artifactId,
            long version,
            String sha256,
            long size,
            String contentType,
            @Nullable String fileName,
            Instant at);

    @Query("UPDATE artifact_heads SET deleted_at = :at WHERE artifact_id = :artifactId")
    void markDeleted(String artifactId, Instant at);

    @Query("UPDATE artifact_heads SET public_view = :publicView, public_edit = :publicEdit,"
            + " viewer_emails = :viewerEmails, updated_at = :at WHERE artifact_id = :artifactId")
    void updateAccess(String artifactId, boolean publicView, boolean publicEdit, String viewerEmails, Instant at);
}
