package dev.artifacta.query.artifacts;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** The artifact versions view. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ArtifactVersionsRepository extends CrudRepository<ArtifactVersionRow, String> {

    @Query("SELECT * FROM artifact_versions WHERE artifact_id = :artifactId ORDER BY version DESC")
    List<ArtifactVersionRow> findByArtifactNewestFirst(String artifactId);
}
