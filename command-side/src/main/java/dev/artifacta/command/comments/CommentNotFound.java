package dev.artifacta.command.comments;

import dev.artifacta.command.shared.Rejection;

/**
 * No comment with this id on this artifact: never posted, deleted, on another artifact or in another
 * tenant, all alike.
 */
public final class CommentNotFound extends Rejection {

    public CommentNotFound(String commentId) {
        super(Kind.NOT_FOUND, "comment-not-found", "There is no comment with id '" + commentId + "' on this artifact.");
    }
}
