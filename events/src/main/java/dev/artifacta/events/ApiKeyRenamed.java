package dev.artifacta.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A key was given a new name. Audit entries keep the name a key had when each event happened, so
 * a search by the old name still finds what the key did under it.
 *
 * @param tenantId the owning tenant
 * @param keyId the key
 * @param previousName the name before
 * @param name the name from now on
 * @param renamedAt when it was renamed
 */
@Revision("1")
public record ApiKeyRenamed(String tenantId, String keyId, String previousName, String name, Instant renamedAt)
        implements ApiKeyEvent {}
