package dev.artifacta.query.comments;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the comment-list view, always within one tenant and one artifact. */
@Singleton
public class CommentListQueries {

    /** Before every comment: the first page's cursor. */
    public static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");

    private final CommentListRepository comments;

    public CommentListQueries(CommentListRepository comments) {
        this.comments = comments;
    }

    /** A page of an artifact's comments (of one version when given), newest first, before the cursor. */
    public List<CommentListRow> page(
            String tenantId, String artifactId, Long version, Instant beforeAt, String beforeId, int limit) {
        return version == null
                ? comments.findPage(tenantId, artifactId, beforeAt, beforeId, limit)
                : comments.findPageOfVersion(tenantId, artifactId, version, beforeAt, beforeId, limit);
    }

    /** The live replies to these comments, oldest first, by the comment they answer. */
    public Map<String, List<CommentListRow>> replies(String tenantId, List<String> commentIds) {
        Map<String, List<CommentListRow>> byParent = new LinkedHashMap<>();
        commentIds.forEach(id -> byParent.put(id, new java.util.ArrayList<>()));
        if (!commentIds.isEmpty()) {
            comments.findReplies(tenantId, commentIds)
                    .forEach(reply -> byParent.get(reply.parentId()).add(reply));
        }
        return byParent;
    }

    /** One comment or reply of the artifact, deleted ones included (the caller decides). */
    public Optional<CommentListRow> comment(String tenantId, String artifactId, String commentId) {
        return comments.findByCommentIdAndTenantIdAndArtifactId(commentId, tenantId, artifactId);
    }
}
