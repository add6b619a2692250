package dev.artifacta.command.comments.infrastructure;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Optional;

/** The comment lookup table. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CommentRegistryRepository extends CrudRepository<CommentRow, String> {

    Optional<CommentRow> findByCommentIdAndTenantId(String commentId, String tenantId);

    void updateDeleted(@Id String commentId, boolean deleted);
}
