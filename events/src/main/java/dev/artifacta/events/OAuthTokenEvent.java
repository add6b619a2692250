package dev.artifacta.events;

/**
 * Events about OAuth access tokens and the consents they come from: issued, revoked, refused, a
 * client authorized by a person. Like {@link SessionEvent}s they belong
 * to no aggregate (a client may get thousands of short-lived tokens): they are published as plain
 * events. A token itself never appears in them, only its id ({@code jti}).
 */
public sealed interface OAuthTokenEvent extends ArtifactaEvent
        permits OAuthTokenIssued, OAuthTokenRevoked, OAuthTokenRefused, OAuthClientAuthorized {

    /** The client the token belongs to. */
    String clientId();
}
