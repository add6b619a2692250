package dev.artifacta.events;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * An API key was issued. The raw key was shown to its creator once and is not part of this event:
 * only the SHA-256 hash (so the credential lookup can be rebuilt from history), the display prefix
 * and the last four characters.
 *
 * @param tenantId the owning tenant
 * @param keyId the key's id
 * @param name the key's label, unique among the tenant's active keys
 * @param description optional notes, may be null
 * @param prefix the first characters of the key, for display (for example {@code ak_live_x9f7})
 * @param last4 the last four characters of the key, for display
 * @param secretSha256 lowercase hex SHA-256 of the full raw key
 * @param scopes the granted scopes, sorted
 * @param identity who the key acts as; an agent by id (revision 2), see {@link ApiKeyCreated1To2Upcaster}
 * @param expiresAt when the key stops working, or null for never
 * @param createdAt when the key was issued
 */
@Revision("2")
public record ApiKeyCreated(
        String tenantId,
        String keyId,
        String name,
        String description,
        String prefix,
        String last4,
        String secretSha256,
        List<String> scopes,
        KeyIdentity identity,
        Instant expiresAt,
        Instant createdAt)
        implements ApiKeyEvent {

    public ApiKeyCreated {
        scopes = List.copyOf(scopes);
    }
}
