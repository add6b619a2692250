package dev.artifacta.query.artifacts;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** The artifact heads view. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ArtifactHeadsRepository extends CrudRepository<ArtifactHeadRow, String> {

    @Query("SELECT * FROM artifact_heads WHERE tenant_id = :tenantId AND project_id = :projectId"
            + " AND deleted_at IS NULL AND artifact_id > :after ORDER BY artifact_id LIMIT :limit")
    List<ArtifactHeadRow> findPage(String tenantId, String projectId, String after, int limit);
}
