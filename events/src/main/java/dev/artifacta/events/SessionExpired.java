package dev.artifacta.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A session was presented after its idle or absolute lifetime ran out, and was ended.
 *
 * @param tenantId the workspace
 * @param userId the person
 * @param sessionId the session that ended
 * @param reason {@code idle} or {@code absolute}
 * @param expiredAt when it was found expired
 */
@Revision("1")
public record SessionExpired(String tenantId, String userId, String sessionId, String reason, Instant expiredAt)
        implements SessionEvent {}
