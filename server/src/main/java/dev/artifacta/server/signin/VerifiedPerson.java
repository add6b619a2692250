package dev.artifacta.server.signin;

/**
 * A person as the identity provider vouched for them in a valid ID token.
 *
 * @param issuer the provider's issuer
 * @param subject their subject at that provider
 * @param email their email, as the provider gave it
 * @param emailVerified the provider's {@code email_verified}: only a verified email matches
 *     invitations, memberships and allowlists
 * @param displayName their name, or their email when the provider gave none
 */
public record VerifiedPerson(String issuer, String subject, String email, boolean emailVerified, String displayName) {}
