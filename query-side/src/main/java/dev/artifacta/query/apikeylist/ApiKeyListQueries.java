package dev.artifacta.query.apikeylist;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads the key-list view, always within one tenant. */
@Singleton
public class ApiKeyListQueries {

    /** Which keys to list. */
    public enum StatusFilter {
        ACTIVE,
        EXPIRED,
        REVOKED,
        ALL
    }

    private final ApiKeyListRepository keys;

    public ApiKeyListQueries(ApiKeyListRepository keys) {
        this.keys = keys;
    }

    /** The tenant's keys with the given status at {@code now}, newest first. */
    public List<ApiKeyListRow> list(String tenantId, StatusFilter status, Instant now) {
        return keys.findByTenantIdNewestFirst(tenantId).stream()
                .filter(row -> status == StatusFilter.ALL
                        || row.statusAt(now).equals(status.name().toLowerCase(java.util.Locale.ROOT)))
                .toList();
    }

    /** One key of the tenant; empty for unknown keys and for other tenants' keys alike. */
    public Optional<ApiKeyListRow> find(String tenantId, String keyId) {
        return keys.findByKeyIdAndTenantId(keyId, tenantId);
    }
}
