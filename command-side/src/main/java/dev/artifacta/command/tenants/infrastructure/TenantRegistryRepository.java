package dev.artifacta.command.tenants.infrastructure;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The tenant lookup table. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface TenantRegistryRepository extends CrudRepository<TenantRow, String> {

    boolean existsByName(String name);

    /** The rows of those of {@code tenantIds} that exist, in one query. */
    List<TenantRow> findByTenantIdIn(Collection<String> tenantIds);

    /** Reads the tenant and locks its row until the surrounding transaction ends. */
    @Query("SELECT * FROM tenant_registry WHERE tenant_id = :tenantId FOR UPDATE")
    Optional<TenantRow> findByIdForUpdate(String tenantId);

    @Query("UPDATE tenant_registry SET plan = :plan WHERE tenant_id = :tenantId")
    void updatePlan(String tenantId, String plan);

    @Query("UPDATE tenant_registry SET client_registration = :enabled WHERE tenant_id = :tenantId")
    void updateClientRegistration(String tenantId, boolean enabled);

    @Query("SELECT client_registration FROM tenant_registry WHERE tenant_id = :tenantId")
    Optional<Boolean> findClientRegistration(String tenantId);
}
