package dev.artifacta.query.agents;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The agent-list view. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AgentListRepository extends CrudRepository<AgentListRow, String> {

    @Query("SELECT * FROM agent_list WHERE tenant_id = :tenantId ORDER BY created_at DESC, agent_id DESC")
    List<AgentListRow> findByTenantNewestFirst(String tenantId);

    Optional<AgentListRow> findByAgentIdAndTenantId(String agentId, String tenantId);

    Optional<AgentListRow> findByTenantIdAndName(String tenantId, String name);

    void updateName(@Id String agentId, String name, Instant updatedAt);

    void updateRole(@Id String agentId, String role, Instant updatedAt);

    void updateDisabled(@Id String agentId, boolean disabled, Instant updatedAt);
}
