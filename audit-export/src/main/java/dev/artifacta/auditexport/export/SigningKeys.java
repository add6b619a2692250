package dev.artifacta.auditexport.export;

import dev.artifacta.auditexport.checkpoint.Ed25519Keys;
import dev.artifacta.auditexport.checkpoint.SigningKey;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.security.KeyPair;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

/**
 * The server's checkpoint signing key: from configuration ({@code artifacta.audit.signing.private-key}
 * and {@code public-key}, base64 of PKCS#8 and X.509) when set, otherwise generated once and stored
 * in the database. When several nodes start at once and each stores one, all of them use the first
 * one stored, so every node signs with the same key. The key is never logged.
 */
@Singleton
public class SigningKeys {

    private final JdbcOperations jdbc;
    private final Clock clock;
    private final String configuredPrivateKey;
    private final String configuredPublicKey;
    private volatile SigningKey active;

    public SigningKeys(
            JdbcOperations jdbc,
            Clock clock,
            @Nullable @Value("${artifacta.audit.signing.private-key:}") String configuredPrivateKey,
            @Nullable @Value("${artifacta.audit.signing.public-key:}") String configuredPublicKey) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.configuredPrivateKey = configuredPrivateKey;
        this.configuredPublicKey = configuredPublicKey;
    }

    /** The key checkpoints are signed with. */
    @Transactional
    public SigningKey active() {
        SigningKey key = active;
        if (key == null) {
            synchronized (this) {
                if (active == null) {
                    active = configured().orElseGet(this::stored);
                }
                key = active;
            }
        }
        return key;
    }

    private Optional<SigningKey> configured() {
        boolean hasPrivate = configuredPrivateKey != null && !configuredPrivateKey.isBlank();
        boolean hasPublic = configuredPublicKey != null && !configuredPublicKey.isBlank();
        if (!hasPrivate && !hasPublic) {
            return Optional.empty();
        }
        if (!hasPrivate || !hasPublic) {
            throw new IllegalStateException(
                    "Set both artifacta.audit.signing.private-key and artifacta.audit.signing.public-key, or neither");
        }
        return Optional.of(SigningKey.of(
                Ed25519Keys.privateKey(configuredPrivateKey), Ed25519Keys.publicKey(configuredPublicKey)));
    }

    private SigningKey stored() {
        return first().orElseGet(() -> {
            KeyPair generated = Ed25519Keys.generate();
            SigningKey key = SigningKey.of(generated.getPrivate(), generated.getPublic());
            jdbc.prepareStatement(
                    "INSERT INTO audit_signing_key (key_id, public_key, private_key, created_at) VALUES (?, ?, ?, ?)",
                    statement -> {
                        statement.setString(1, key.keyId());
                        statement.setString(2, Ed25519Keys.encode(key.publicKey()));
                        statement.setString(3, Ed25519Keys.encode(key.privateKey()));
                        statement.setTimestamp(4, Timestamp.from(clock.instant()));
                        return statement.executeUpdate();
                    });
            return first().orElseThrow();
        });
    }

    private Optional<SigningKey> first() {
        return jdbc.prepareStatement(
                "SELECT public_key, private_key FROM audit_signing_key ORDER BY created_at, key_id LIMIT 1",
                statement -> {
                    try (ResultSet row = statement.executeQuery()) {
                        if (!row.next()) {
                            return Optional.empty();
                        }
                        return Optional.of(SigningKey.of(
                                Ed25519Keys.privateKey(row.getString("private_key")),
                                Ed25519Keys.publicKey(row.getString("public_key"))));
                    }
                });
    }
}
