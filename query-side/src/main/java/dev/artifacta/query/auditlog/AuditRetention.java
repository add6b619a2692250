package dev.artifacta.query.auditlog;

import java.time.Duration;

/** How long the audit view keeps a tenant's entries, by plan (from configuration). */
public interface AuditRetention {

    /** The window of a plan; an unknown plan keeps everything until it becomes known. */
    Duration windowOf(String plan);
}
