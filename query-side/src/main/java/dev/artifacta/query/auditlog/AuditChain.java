package dev.artifacta.query.auditlog;

/**
 * How an entry is chained to the one before it in its tenant's chain. The audit view stores the
 * result; the canonical form and the hash are defined by the audit export (module
 * {@code audit-export}), so that its offline verifier computes exactly what the view stored.
 */
public interface AuditChain {

    /** What the first entry of every tenant's chain chains from: 32 zero bytes, in hex. */
    String GENESIS = "0".repeat(64);

    /**
     * The hash of {@code entry}, chained after {@code previousHash}. The entry's own
     * {@code previousHash} and {@code hash} are not part of what is hashed.
     */
    String hash(String previousHash, AuditLogRow entry);
}
