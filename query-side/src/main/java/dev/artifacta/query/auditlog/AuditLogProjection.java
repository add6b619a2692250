package dev.artifacta.query.auditlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.artifacta.events.Actor;
import dev.artifacta.events.ArtifactaEvent;
import dev.artifacta.events.AuditMetadata;
import dev.artifacta.events.EventJson;
import dev.artifacta.events.RequestInfo;
import jakarta.inject.Singleton;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;

/**
 * Builds the audit view: one entry per event, attributed to the actor and request in the event's
 * metadata. Entries are keyed by the event's global position, so a replayed event changes nothing.
 */
@Singleton
@ProcessingGroup(AuditLogProjection.NAME)
public class AuditLogProjection {

    public static final String NAME = "audit-log";

    private static final ObjectMapper JSON = EventJson.objectMapper();

    private final AuditLogRepository entries;

    public AuditLogProjection(AuditLogRepository entries) {
        this.entries = entries;
    }

    @EventHandler
    void on(ArtifactaEvent event, EventMessage<?> message, TrackingToken token) {
        long position = token.position()
                .orElseThrow(() -> new IllegalStateException("The audit view needs a positioned tracking token"));
        if (entries.existsById(position)) {
            return;
        }
        AuditAction action = AuditAction.of(event);
        Actor actor = AuditMetadata.actor(message.getMetaData());
        RequestInfo request = AuditMetadata.request(message.getMetaData());
        Instant occurredAt = message.getTimestamp();
        entries.save(new AuditLogRow(
                position,
                message.getIdentifier(),
                event.tenantId(),
                occurredAt,
                action.action(),
                actor.type(),
                actor.id(),
                actor.displayName(),
                actor.keyId(),
                actor.keyName(),
                actor.identity() == null ? null : actor.identity().type(),
                actor.identity() == null ? null : actor.identity().name(),
                action.resourceType(),
                action.resourceId(),
                request.requestId(),
                request.clientAddress(),
                request.userAgent(),
                toJson(action)));
    }

    @ResetHandler
    void reset() {
        entries.deleteAll();
    }

    private static String toJson(AuditAction action) {
        try {
            return JSON.writeValueAsString(action.details());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Audit details must serialize", e);
        }
    }
}
