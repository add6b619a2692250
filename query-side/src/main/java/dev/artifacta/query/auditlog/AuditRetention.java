package dev.artifacta.query.auditlog;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** How long the audit view keeps a tenant's entries: the window of the tenant's current plan. */
public interface AuditRetention {

    /**
     * The retention window of the tenant's plan as it is now (not as it was when an event
     * happened: a replay keeps exactly what the tenant's current plan keeps). An unknown tenant or
     * plan keeps everything until it becomes known.
     */
    Duration currentWindow(String tenantId);

    /**
     * A window no tenant's is shorter than, whatever its plan: an entry younger than this is kept
     * without asking for its tenant's window, as every live event's is. {@link Duration#ZERO} (the
     * default) asks for every entry.
     */
    default Duration shortestWindow() {
        return Duration.ZERO;
    }

    /**
     * {@link #currentWindow} of each tenant, by tenant; the audit view asks once per batch, so an
     * implementation that reads a table should read them all in one query.
     */
    default Map<String, Duration> currentWindows(Collection<String> tenantIds) {
        Map<String, Duration> windows = new LinkedHashMap<>();
        for (String tenantId : tenantIds) {
            windows.put(tenantId, currentWindow(tenantId));
        }
        return windows;
    }
}
