package dev.artifacta.query.apikeylist;

import dev.artifacta.events.Actor;
import dev.artifacta.events.ApiKeyCreated;
import dev.artifacta.events.ApiKeyRenamed;
import dev.artifacta.events.ApiKeyRevoked;
import dev.artifacta.events.AuditMetadata;
import dev.artifacta.query.infrastructure.BatchWrites;
import dev.artifacta.query.infrastructure.OrderedWrites;
import dev.artifacta.query.infrastructure.StreamingView;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;

/** Builds the key-list view: every key of every tenant with its display fields and status. */
@Singleton
@ProcessingGroup(ApiKeyListProjection.NAME)
@StreamingView(order = 10, tables = "api_key_list")
public class ApiKeyListProjection {

    public static final String NAME = "api-key-list";

    private static final String BATCH = ApiKeyListProjection.class.getName() + ".batch";
    private static final String INSERT = "INSERT INTO api_key_list (key_id, tenant_id, name, description, prefix,"
            + " last4, scopes, identity_type, identity_name, identity_agent_id, created_at, created_by_type,"
            + " created_by_id, created_by_name, expires_at, revoked_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String RENAME = "UPDATE api_key_list SET name = ? WHERE key_id = ?";
    private static final String REVOKE = "UPDATE api_key_list SET revoked_at = ? WHERE key_id = ?";

    private final ApiKeyListRepository keys;
    private final JdbcOperations jdbc;

    public ApiKeyListProjection(ApiKeyListRepository keys, JdbcOperations jdbc) {
        this.keys = keys;
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ApiKeyCreated event, EventMessage<?> message) {
        Actor creator = AuditMetadata.actor(message.getMetaData());
        write(
                message,
                writes -> writes.insertUnlessPresent(
                        "api_key_list",
                        "key_id",
                        event.keyId(),
                        INSERT,
                        event.keyId(),
                        event.tenantId(),
                        event.name(),
                        event.description(),
                        event.prefix(),
                        event.last4(),
                        String.join(",", event.scopes()),
                        event.identity().type(),
                        event.identity().name(),
                        event.identity().agentId(),
                        event.createdAt(),
                        creator.type(),
                        creator.id(),
                        creator.displayName(),
                        event.expiresAt(),
                        null));
    }

    @EventHandler
    void on(ApiKeyRenamed event, EventMessage<?> message) {
        write(message, writes -> writes.execute(RENAME, event.name(), event.keyId()));
    }

    @EventHandler
    void on(ApiKeyRevoked event, EventMessage<?> message) {
        write(message, writes -> writes.execute(REVOKE, event.revokedAt(), event.keyId()));
    }

    /** Writes go out once per processor batch, in the order the events came. */
    private void write(EventMessage<?> message, Consumer<OrderedWrites> writes) {
        BatchWrites.handle(BATCH, message, events -> new OrderedWrites(jdbc), writes);
    }

    @ResetHandler
    void reset() {
        keys.deleteAll();
    }
}
