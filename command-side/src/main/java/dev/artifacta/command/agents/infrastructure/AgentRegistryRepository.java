package dev.artifacta.command.agents.infrastructure;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

/** The agent lookup table. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AgentRegistryRepository extends CrudRepository<AgentRow, String> {

    boolean existsByTenantIdAndName(String tenantId, String name);

    void updateName(@Id String agentId, String name);

    void updateRole(@Id String agentId, String role);

    void updateDisabled(@Id String agentId, boolean disabled);
}
