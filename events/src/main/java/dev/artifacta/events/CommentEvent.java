package dev.artifacta.events;

/** Events of the comment aggregate (stream id: the comment id). Replies are comments with a parent. */
public sealed interface CommentEvent extends ArtifactaEvent permits CommentPosted, CommentEdited, CommentDeleted {

    /** The comment the event concerns. */
    String commentId();

    /** The artifact the comment is on. */
    String artifactId();
}
