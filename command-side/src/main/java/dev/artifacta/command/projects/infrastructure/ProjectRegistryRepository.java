package dev.artifacta.command.projects.infrastructure;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Optional;

/** The project lookup table. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ProjectRegistryRepository extends CrudRepository<ProjectRow, String> {

    Optional<ProjectRow> findByTenantIdAndSlug(String tenantId, String slug);

    boolean existsByTenantIdAndSlug(String tenantId, String slug);
}
