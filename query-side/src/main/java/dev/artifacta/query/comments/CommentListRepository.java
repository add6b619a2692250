package dev.artifacta.query.comments;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The comment-list view. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface CommentListRepository extends CrudRepository<CommentListRow, String> {

    /** Comments before the cursor, newest first; a deleted one only while it has live replies. */
    String PAGE = "SELECT c.* FROM comment_list c WHERE c.tenant_id = :tenantId AND c.artifact_id = :artifactId"
            + " AND c.parent_id IS NULL"
            + " AND (c.deleted_at IS NULL OR EXISTS (SELECT 1 FROM comment_list r"
            + " WHERE r.parent_id = c.comment_id AND r.deleted_at IS NULL))"
            + " AND (c.posted_at < :beforeAt OR (c.posted_at = :beforeAt AND c.comment_id < :beforeId))";

    String NEWEST_FIRST = " ORDER BY c.posted_at DESC, c.comment_id DESC LIMIT :limit";

    @Query(PAGE + NEWEST_FIRST)
    List<CommentListRow> findPage(String tenantId, String artifactId, Instant beforeAt, String beforeId, int limit);

    @Query(PAGE + " AND c.version = :version" + NEWEST_FIRST)
    List<CommentListRow> findPageOfVersion(
            String tenantId, String artifactId, long version, Instant beforeAt, String beforeId, int limit);

    @Query("SELECT * FROM comment_list WHERE tenant_id = :tenantId AND parent_id IN (:parentIds)"
            + " AND deleted_at IS NULL ORDER BY posted_at, comment_id")
    List<CommentListRow> findReplies(String tenantId, Collection<String> parentIds);

    Optional<CommentListRow> findByCommentIdAndTenantIdAndArtifactId(
            String commentId, String tenantId, String artifactId);

    void updateBodyAndEditedAt(@Id String commentId, String body, Instant editedAt);

    void updateBodyAndDeletedAt(@Id String commentId, @Nullable String body, Instant deletedAt);
}
