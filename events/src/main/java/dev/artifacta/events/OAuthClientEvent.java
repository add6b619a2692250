package dev.artifacta.events;

/** Events of the OAuth client aggregate (stream id: the client id). */
public sealed interface OAuthClientEvent extends ArtifactaEvent
        permits OAuthClientRegistered, OAuthClientSecretRotated, OAuthClientDisabled {

    /** The client the event concerns. */
    String clientId();
}
