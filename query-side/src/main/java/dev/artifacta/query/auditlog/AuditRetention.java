package dev.artifacta.query.auditlog;

import java.time.Duration;

/** How long the audit view keeps a tenant's entries: the window of the tenant's current plan. */
public interface AuditRetention {

    /**
     * The retention window of the tenant's plan as it is now (not as it was when an event
     * happened: a replay keeps exactly what the tenant's current plan keeps). An unknown tenant or
     * plan keeps everything until it becomes known.
     */
    Duration currentWindow(String tenantId);
}
