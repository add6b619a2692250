package dev.artifacta.query.apikeylist;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads the key-list view, always within one tenant. */
@Singleton
public class ApiKeyListQueries {

    /** After every key, newest first: where the first page starts. */
    public static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");

    /** Which keys to list. */
    public enum StatusFilter {
        ACTIVE,
        EXPIRED,
        REVOKED,
        ALL;

        /** Whether the key has this status at {@code now}. */
        public boolean admits(ApiKeyListRow row, Instant now) {
            return this == ALL || row.statusAt(now).equals(name().toLowerCase(Locale.ROOT));
        }
    }

    private final ApiKeyListRepository keys;

    public ApiKeyListQueries(ApiKeyListRepository keys) {
        this.keys = keys;
    }

    /**
     * Up to {@code limit} of the tenant's keys, whatever their status, newest first (by creation
     * time, then id), starting after the key created at {@code beforeAt} with id {@code beforeId}.
     */
    public List<ApiKeyListRow> page(String tenantId, Instant beforeAt, String beforeId, int limit) {
        return keys.findPageNewestFirst(tenantId, beforeAt, beforeId, limit);
    }

    /** One key of the tenant; empty for unknown keys and for other tenants' keys alike. */
    public Optional<ApiKeyListRow> find(String tenantId, String keyId) {
        return keys.findByKeyIdAndTenantId(keyId, tenantId);
    }
}
