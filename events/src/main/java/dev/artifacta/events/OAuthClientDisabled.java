package dev.artifacta.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An OAuth client was disabled: it gets no new tokens, and the tokens it holds are refused from the
 * next request on, on every node.
 *
 * @param tenantId the owning tenant
 * @param clientId the client
 * @param name its name at the time
 * @param disabledAt when it was disabled
 */
@Revision("1")
public record OAuthClientDisabled(String tenantId, String clientId, String name, Instant disabledAt)
        implements OAuthClientEvent {}
