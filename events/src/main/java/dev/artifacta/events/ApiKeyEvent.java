package dev.artifacta.events;

/** Events of the API key aggregate (stream id: the key id). */
public sealed interface ApiKeyEvent extends ArtifactaEvent permits ApiKeyCreated, ApiKeyRenamed, ApiKeyRevoked {

    /** The key the event concerns. */
    String keyId();
}
