package dev.artifacta.command.apikeys;

/**
 * What the system keeps of a raw API key: its SHA-256 hash and the parts shown for recognition.
 * Commands carry this, never the raw key.
 *
 * @param prefix the first characters, for display
 * @param last4 the last four characters, for display
 * @param sha256 lowercase hex SHA-256 of the raw key
 */
public record SecretDigest(String prefix, String last4, String sha256) {}
