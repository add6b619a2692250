package dev.artifacta.query.auditlog;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

/** The audit view's table. Filtered queries go through {@link AuditLogQueries}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AuditLogRepository extends CrudRepository<AuditLogRow, String> {}
