package dev.artifacta.command.sharing;

import dev.artifacta.command.shared.Rejection;

/** The link was revoked before. */
public final class ShareLinkAlreadyRevoked extends Rejection {

    public ShareLinkAlreadyRevoked(String linkId) {
        super(Kind.CONFLICT, "share-link-already-revoked", "The share link '" + linkId + "' is already revoked.");
    }
}
