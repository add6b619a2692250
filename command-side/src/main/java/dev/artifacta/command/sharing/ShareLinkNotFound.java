package dev.artifacta.command.sharing;

import dev.artifacta.command.shared.Rejection;

/** No share link with that id belongs to the calling tenant. */
public final class ShareLinkNotFound extends Rejection {

    public ShareLinkNotFound(String linkId) {
        super(Kind.NOT_FOUND, "share-link-not-found", "There is no share link with id '" + linkId + "'.");
    }
}
