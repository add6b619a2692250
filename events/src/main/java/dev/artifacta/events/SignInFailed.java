package dev.artifacta.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A person the identity provider vouched for (a valid, signed ID token) could not sign in to this
 * workspace. Failures before a person is known (forged or expired tokens, a wrong state) are not
 * events: they are counted and refused, so that nobody can fill a workspace's permanent trail.
 *
 * @param tenantId the workspace the person tried to reach
 * @param email the email the provider gave
 * @param reason why: {@code email-not-verified}, {@code invitation-email-mismatch},
 *     {@code invitation-expired}, {@code not-a-member}
 * @param issuer the identity provider
 * @param failedAt when
 */
@Revision("1")
public record SignInFailed(String tenantId, String email, String reason, String issuer, Instant failedAt)
        implements SessionEvent {}
