package dev.artifacta.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A comment's author changed its text. The earlier text stays in the earlier events and in the
 * audit log.
 *
 * @param tenantId the tenant that owns the artifact
 * @param commentId the comment
 * @param artifactId the artifact it is on
 * @param body the new text
 * @param editedAt when it was edited
 */
@Revision("1")
public record CommentEdited(String tenantId, String commentId, String artifactId, String body, Instant editedAt)
        implements CommentEvent {}
