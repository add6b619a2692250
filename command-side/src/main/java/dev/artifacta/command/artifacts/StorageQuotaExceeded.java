package dev.artifacta.command.artifacts;

import dev.artifacta.command.shared.Rejection;
import java.util.Map;

/** New content would take the tenant past its plan's storage quota. */
public final class StorageQuotaExceeded extends Rejection {

    private final long quotaBytes;
    private final long usedBytes;

    public StorageQuotaExceeded(long quotaBytes, long usedBytes, long size) {
        super(
                Kind.CONFLICT,
                "storage-quota-exceeded",
                "Storing " + size + " more bytes would exceed the plan's storage quota of " + quotaBytes + " bytes ("
                        + usedBytes + " used); upgrade the plan for more.");
        this.quotaBytes = quotaBytes;
        this.usedBytes = usedBytes;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("limitBytes", quotaBytes, "usedBytes", usedBytes);
    }
}
