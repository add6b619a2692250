package dev.artifacta.server.processing.axon;

import dev.artifacta.events.Actor;
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

    public <R> R send(Object command, Actor actor, RequestInfo request) {
        return gateway.sendAndWait(command, MetaData.from(AuditMetadata.of(actor, request)));
    }
}
