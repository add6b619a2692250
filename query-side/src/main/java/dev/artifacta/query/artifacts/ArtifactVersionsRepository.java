package dev.artifacta.query.artifacts;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;

/** The artifact versions view. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ArtifactVersionsRepository extends CrudRepository<ArtifactVersionRow, String> {

    /** Up to {@code limit} versions below {@code before}, newest first: the head, and others from {@code notBefore} on. */
    @Query("SELECT * FROM artifact_versions WHERE artifact_id = :artifactId AND version < :before"
            + " AND (version = :head OR created_at >= :notBefore) ORDER BY version DESC LIMIT :limit")
    List<ArtifactVersionRow> findReadablePage(String artifactId, long head, Instant notBefore, long before, int limit);
}
