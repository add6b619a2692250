package dev.artifacta.events;

/**
 * Events about people signing in and out. Like {@link AccessEvent}s they belong to no aggregate:
 * they are published as plain events. The session's secret never appears in them, only the
 * session's id.
 */
public sealed interface SessionEvent extends ArtifactaEvent
        permits UserSignedIn, UserSignedOut, SessionExpired, SignInFailed {}
