package dev.artifacta.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A comment was deleted: it leaves the comment lists (a deleted comment with replies stays as a
 * placeholder above them), while its text stays in the earlier events and in the audit log.
 *
 * @param tenantId the tenant that owns the artifact
 * @param commentId the comment
 * @param artifactId the artifact it is on
 * @param byAuthor true when its author deleted it, false when an admin of the artifact did
 * @param deletedAt when it was deleted
 */
@Revision("1")
public record CommentDeleted(String tenantId, String commentId, String artifactId, boolean byAuthor, Instant deletedAt)
        implements CommentEvent {}
