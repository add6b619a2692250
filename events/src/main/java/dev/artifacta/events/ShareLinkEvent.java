package dev.artifacta.events;

/** Events of the share link aggregate (stream id: the link id). */
public sealed interface ShareLinkEvent extends ArtifactaEvent permits ShareLinkCreated, ShareLinkRevoked {

    /** The link the event concerns. */
    String linkId();

    /** The artifact the link opens. */
    String artifactId();
}
