package dev.artifacta.server.processing.axon;

import dev.artifacta.events.Attribution;
import dev.artifacta.events.AuditMetadata;
import dev.artifacta.events.RequestInfo;
import jakarta.inject.Singleton;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;

/**
 * Sends commands with the actor and request as metadata, which Axon copies onto every event the
 * command causes. Every command the HTTP layer sends goes through here, so no event lacks them.
 */
@Singleton
public class Commands {

    private final CommandGateway gateway;

    public Commands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    /**
     * Sends a command on behalf of whoever it is attributed to (a request's principal, or an actor
     * such as the admin API): the actor, an agent's sponsor and the request become the metadata.
     */
    public <R> R send(Object command, Attribution who, RequestInfo request) {
        return gateway.sendAndWait(command, MetaData.from(AuditMetadata.of(who.actor(), who.sponsor(), request)));
    }
}
