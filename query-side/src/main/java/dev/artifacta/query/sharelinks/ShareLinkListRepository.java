package dev.artifacta.query.sharelinks;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;

/** The share link list view. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ShareLinkListRepository extends CrudRepository<ShareLinkListRow, String> {

    @Query("SELECT * FROM share_link_list WHERE tenant_id = :tenantId AND artifact_id = :artifactId"
            + " ORDER BY created_at DESC, link_id")
    List<ShareLinkListRow> findByArtifact(String tenantId, String artifactId);

    @Query("UPDATE share_link_list SET revoked_at = :revokedAt WHERE link_id = :linkId")
    void markRevoked(String linkId, Instant revokedAt);
}
