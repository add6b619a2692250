package dev.artifacta.command.members.infrastructure;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

/** The pending-invitation lookup table. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface InvitationRegistryRepository extends CrudRepository<InvitationRow, String> {

    List<InvitationRow> findByEmail(String email);
}
