package dev.artifacta.auditexport.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.artifacta.auditexport.checkpoint.Checkpoint;
import dev.artifacta.auditexport.checkpoint.SigningKey;
import dev.artifacta.auditexport.format.CanonicalJson;
import dev.artifacta.auditexport.format.ChainHash;
import dev.artifacta.auditexport.format.EntryDocument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Issues and keeps signed checkpoints, one chain of them per tenant. Issuing locks the tenant's
 * chain head for a moment, so checkpoint numbers never collide and each names the head as it was.
 */
@Singleton
public class CheckpointStore {

    private final JdbcOperations jdbc;
    private final SigningKeys keys;
    private final Clock clock;

    public CheckpointStore(JdbcOperations jdbc, SigningKeys keys, Clock clock) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.clock = clock;
    }

    /** Issues the tenant's next checkpoint over an export's entries (null: none) and the current head. */
    @Transactional
    public ObjectNode issue(String tenantId, Checkpoint.Entries entries) {
        SigningKey key = keys.active();
        long[] headSequence = {0};
        String[] headHash = {ChainHash.GENESIS};
        jdbc.prepareStatement(
                "SELECT last_sequence, last_hash FROM audit_tenant WHERE tenant_id = ? FOR UPDATE", statement -> {
                    statement.setString(1, tenantId);
                    try (ResultSet row = statement.executeQuery()) {
                        if (row.next()) {
                            headSequence[0] = row.getLong(1);
                            headHash[0] = row.getString(2);
                        }
                    }
                    return null;
                });
        Optional<JsonNode> latest = latest(tenantId);
        Checkpoint.Previous previous = latest.map(before -> new Checkpoint.Previous(
                        before.path("number").asLong(),
                        before.path("head").path("sequence").asLong(),
                        before.path("head").path("hash").asText(),
                        Checkpoint.digest(before)))
                .orElse(null);
        long number = previous == null ? 1 : previous.number() + 1;
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        ObjectNode checkpoint = Checkpoint.sign(
                key, tenantId, number, EntryDocument.time(issuedAt), entries, headSequence[0], headHash[0], previous);
        jdbc.prepareStatement(
                "INSERT INTO audit_checkpoint (tenant_id, number, issued_at, document, digest) VALUES (?, ?, ?, ?, ?)",
                statement -> {
                    statement.setString(1, tenantId);
                    statement.setLong(2, number);
                    statement.setTimestamp(3, Timestamp.from(issuedAt));
                    statement.setString(4, Checkpoint.text(checkpoint));
                    statement.setString(5, Checkpoint.digest(checkpoint));
                    return statement.executeUpdate();
                });
        return checkpoint;
    }

    /** The tenant's newest checkpoint. */
    @ReadOnly
    public Optional<JsonNode> latest(String tenantId) {
        return one(
                "SELECT document FROM audit_checkpoint WHERE tenant_id = ? ORDER BY number DESC LIMIT 1",
                tenantId,
                null);
    }

    /** One of the tenant's checkpoints by number. */
    @ReadOnly
    public Optional<JsonNode> find(String tenantId, long number) {
        return one("SELECT document FROM audit_checkpoint WHERE tenant_id = ? AND number = ?", tenantId, number);
    }

    private Optional<JsonNode> one(String sql, String tenantId, Long number) {
        return jdbc.prepareStatement(sql, statement -> {
            statement.setString(1, tenantId);
            if (number != null) {
                statement.setLong(2, number);
            }
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(parse(row.getString(1))) : Optional.empty();
            }
        });
    }

    private static JsonNode parse(String document) {
        try {
            return CanonicalJson.mapper().readTree(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored checkpoint is not JSON", e);
        }
    }
}
