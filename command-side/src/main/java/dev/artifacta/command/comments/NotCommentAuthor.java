package dev.artifacta.command.comments;

import dev.artifacta.command.shared.Rejection;

/** Only a comment's author edits it; only its author or an admin of the artifact deletes it. */
public final class NotCommentAuthor extends Rejection {

    public NotCommentAuthor(String what) {
        super(Kind.FORBIDDEN, "not-comment-author", what);
    }
}
