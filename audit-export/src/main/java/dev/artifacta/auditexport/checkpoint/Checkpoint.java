package dev.artifacta.auditexport.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.artifacta.auditexport.format.CanonicalJson;
import dev.artifacta.auditexport.format.ChainHash;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Base64;

/**
 * A signed checkpoint: the server's statement, at a time, of a tenant's chain head and of the
 * entries an export holds. Each checkpoint names the one issued before it (its number, the head it
 * reported and its digest), so checkpoints form a chain of their own, like CloudTrail's digest
 * files: the head never goes backwards, and removing the newest entries shows.
 *
 * <pre>{@code
 * {"type": "artifacta.audit.checkpoint", "version": 1, "tenantId", "number", "issuedAt",
 *  "entries": {"firstSequence", "firstPreviousHash", "lastSequence", "lastHash", "count"} | null,
 *  "head": {"sequence", "hash"},
 *  "previous": {"number", "headSequence", "headHash", "digest"} | null,
 *  "algorithm": "Ed25519", "keyId", "signature"}
 * }</pre>
 *
 * The signature is Ed25519 over the canonical JSON of the document without {@code signature}; the
 * digest is the SHA-256 of the canonical JSON of the whole document.
 */
public final class Checkpoint {

    public static final String TYPE = "artifacta.audit.checkpoint";
    public static final String SIGNATURE = "signature";

    private Checkpoint() {}

    /** The range of entries an export holds. */
    public record Entries(long firstSequence, String firstPreviousHash, long lastSequence, String lastHash) {}

    /** What a checkpoint says of the one before it. */
    public record Previous(long number, long headSequence, String headHash, String digest) {}

    /** Builds and signs a checkpoint document. */
    public static ObjectNode sign(
            SigningKey key,
            String tenantId,
            long number,
            String issuedAt,
            Entries entries,
            long headSequence,
            String headHash,
            Previous previous) {
        ObjectNode document = CanonicalJson.mapper().createObjectNode();
        document.put("type", TYPE);
        document.put("version", 1);
        document.put("tenantId", tenantId);
        document.put("number", number);
        document.put("issuedAt", issuedAt);
        if (entries == null) {
            document.putNull("entries");
        } else {
            ObjectNode range = document.putObject("entries");
            range.put("firstSequence", entries.firstSequence());
            range.put("firstPreviousHash", entries.firstPreviousHash());
            range.put("lastSequence", entries.lastSequence());
            range.put("lastHash", entries.lastHash());
            range.put("count", entries.lastSequence() - entries.firstSequence() + 1);
        }
        ObjectNode head = document.putObject("head");
        head.put("sequence", headSequence);
        head.put("hash", headHash);
        if (previous == null) {
            document.putNull("previous");
        } else {
            ObjectNode before = document.putObject("previous");
            before.put("number", previous.number());
            before.put("headSequence", previous.headSequence());
            before.put("headHash", previous.headHash());
            before.put("digest", previous.digest());
        }
        document.put("algorithm", Ed25519Keys.ALGORITHM);
        document.put("keyId", key.keyId());
        byte[] signature = Ed25519Keys.sign(key.privateKey(), CanonicalJson.bytes(document));
        document.put(SIGNATURE, Base64.getEncoder().encodeToString(signature));
        return document;
    }

    /** Whether the document's signature verifies with the key. */
    public static boolean verifies(JsonNode document, PublicKey key) {
        if (!(document instanceof ObjectNode object) || !object.path(SIGNATURE).isTextual()) {
            return false;
        }
        ObjectNode unsigned = object.deepCopy();
        unsigned.remove(SIGNATURE);
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(object.get(SIGNATURE).asText());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return Ed25519Keys.verify(key, CanonicalJson.bytes(unsigned), signature);
    }

    /** The digest the next checkpoint names this one by. */
    public static String digest(JsonNode document) {
        return ChainHash.sha256Hex(CanonicalJson.bytes(document));
    }

    /** The document as one line of canonical JSON. */
    public static String text(JsonNode document) {
        return new String(CanonicalJson.bytes(document), StandardCharsets.UTF_8);
    }
}
