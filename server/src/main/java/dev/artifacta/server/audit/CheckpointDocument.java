package dev.artifacta.server.audit;

import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * The shape of a signed checkpoint, as {@code GET /v1/audit-events/checkpoints/{number}} answers it
 * and the JSON Lines export ends with it (docs/audit.md). The server sends the stored document
 * exactly as it was signed, so these types only describe it in the OpenAPI document.
 */
@Schema(
        name = "Checkpoint",
        description = "A signed checkpoint over a tenant's audit chain; verify it with the key from"
                + " /v1/audit-events/signing-key.")
public record CheckpointDocument(
        @Schema(allowableValues = "artifacta.audit.checkpoint")
        String type,

        int version,
        String tenantId,
        long number,
        Instant issuedAt,

        @Nullable Entries entries,

        Head head,

        @Nullable Previous previous,

        @Schema(allowableValues = "Ed25519") String algorithm,
        String keyId,

        @Schema(description = "Base64 of the Ed25519 signature over the canonical form without it.")
        String signature) {

    /** The range of entries a checkpoint signs; null when the export sent none. */
    @Schema(name = "CheckpointEntries", description = "The entries an export sent; null when it sent none.")
    public record Entries(
            long firstSequence, String firstPreviousHash, long lastSequence, String lastHash, long count) {}

    /** The head of the tenant's chain when the checkpoint was issued. */
    @Schema(name = "CheckpointHead")
    public record Head(long sequence, String hash) {}

    /** The previous checkpoint, which this one continues; null for the first. */
    @Schema(name = "CheckpointPrevious", description = "The checkpoint before this one; null for the first.")
    public record Previous(long number, long headSequence, String headHash, String digest) {}
}
