package dev.artifacta.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A person signed in through the identity provider and got a session in the workspace.
 *
 * @param tenantId the workspace the session acts in
 * @param userId the person's user id
 * @param email their verified email
 * @param displayName their name at the time
 * @param sessionId the session's id (not its secret)
 * @param issuer the identity provider's issuer URL ({@code artifacta-dev} for local development sign-in)
 * @param subject the person's subject at that provider
 * @param signedInAt when
 */
@Revision("1")
public record UserSignedIn(
        String tenantId,
        String userId,
        String email,
        String displayName,
        String sessionId,
        String issuer,
        String subject,
        Instant signedInAt)
        implements SessionEvent {}
