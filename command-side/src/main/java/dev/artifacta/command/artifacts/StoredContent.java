package dev.artifacta.command.artifacts;

import java.util.Optional;

/** Reads what the content store holds: a version's bytes, and how much a tenant stores. */
public interface StoredContent {

    /** The bytes the tenant stored under this SHA-256, if any. */
    Optional<byte[]> read(String tenantId, String sha256);

    /** Bytes the tenant stores (each distinct content once). */
    long usedBytes(String tenantId);
}
