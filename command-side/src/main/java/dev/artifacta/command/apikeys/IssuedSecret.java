package dev.artifacta.command.apikeys;

/**
 * A freshly generated API key: the raw value, to be shown to its creator exactly once, and its
 * digest, which is all that is ever stored. {@link #toString()} never prints the raw key, so an
 * accidental log line cannot leak it.
 */
public final class IssuedSecret {

    private final String rawKey;
    private final SecretDigest digest;

    IssuedSecret(String rawKey, SecretDigest digest) {
        this.rawKey = rawKey;
        this.digest = digest;
    }

    /** The raw key: return it in the creation response and nowhere else. */
    public String revealOnce() {
        return rawKey;
    }

    public SecretDigest digest() {
        return digest;
    }

    @Override
    public String toString() {
        return "IssuedSecret[" + digest.prefix() + "…" + digest.last4() + "]";
    }
}
