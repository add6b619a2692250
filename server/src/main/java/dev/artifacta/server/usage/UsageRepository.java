package dev.artifacta.server.usage;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Usage counters: requests per tenant and month, last use per key. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface UsageRepository extends GenericRepository<UsageRepository.LastUsed, String> {

    /** Last use of one key. */
    @io.micronaut.data.annotation.MappedEntity("api_key_last_used")
    record LastUsed(@io.micronaut.data.annotation.Id String keyId, String tenantId, Instant lastUsedAt) {}

    @Query(
            "UPDATE tenant_request_usage SET requests = requests + :delta WHERE tenant_id = :tenantId AND period = :period")
    long addRequests(String tenantId, String period, long delta);

    @Query("INSERT INTO tenant_request_usage (tenant_id, period, requests) VALUES (:tenantId, :period, :delta)")
    void insertRequests(String tenantId, String period, long delta);

    @Query("SELECT requests FROM tenant_request_usage WHERE tenant_id = :tenantId AND period = :period")
    Optional<Long> findRequests(String tenantId, String period);

    @Query("UPDATE api_key_last_used SET last_used_at = GREATEST(last_used_at, :lastUsedAt) WHERE key_id = :keyId")
    long touch(String keyId, Instant lastUsedAt);

    @Query("INSERT INTO api_key_last_used (key_id, tenant_id, last_used_at) VALUES (:keyId, :tenantId, :lastUsedAt)")
    void insertLastUsed(String keyId, String tenantId, Instant lastUsedAt);

    List<LastUsed> findByTenantId(String tenantId);

    Optional<LastUsed> findByKeyId(String keyId);
}
