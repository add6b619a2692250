package dev.artifacta.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A person signed out: the session ended on the server and no longer authenticates.
 *
 * @param tenantId the workspace
 * @param userId the person
 * @param sessionId the session that ended
 * @param signedOutAt when
 */
@Revision("1")
public record UserSignedOut(String tenantId, String userId, String sessionId, Instant signedOutAt)
        implements SessionEvent {}
