package dev.artifacta.query.apikeylist;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The key-list view. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ApiKeyListRepository extends CrudRepository<ApiKeyListRow, String> {

    Optional<ApiKeyListRow> findByKeyIdAndTenantId(String keyId, String tenantId);

    @Query("SELECT * FROM api_key_list WHERE tenant_id = :tenantId"
            + " AND (created_at < :beforeAt OR (created_at = :beforeAt AND key_id < :beforeId))"
            + " ORDER BY created_at DESC, key_id DESC LIMIT :limit")
    List<ApiKeyListRow> findPageNewestFirst(String tenantId, Instant beforeAt, String beforeId, int limit);
}
