package dev.artifacta.query.projects;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** The project list view. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ProjectListRepository extends CrudRepository<ProjectListRow, String> {

    /** Up to {@code limit} of the tenant's projects by slug, after {@code afterSlug} ("" for the first). */
    @Query("SELECT * FROM project_list WHERE tenant_id = :tenantId AND slug > :afterSlug ORDER BY slug LIMIT :limit")
    List<ProjectListRow> findPage(String tenantId, String afterSlug, int limit);
}
