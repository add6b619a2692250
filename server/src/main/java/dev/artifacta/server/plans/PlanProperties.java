package dev.artifacta.server.plans;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import jakarta.validation.constraints.Min;

/** One plan under {@code artifacta.plans.<id>}. */
@EachProperty("artifacta.plans")
public class PlanProperties {

    private final String id;

    @Min(1)
    private int maxActiveKeys = 10;

    @Min(1)
    private long monthlyRequests = 10_000;

    @Min(0)
    private long storageBytes = 1L << 30;

    @Min(1)
    private int auditRetentionDays = 7;

    public PlanProperties(@Parameter String id) {
        this.id = id;
    }

    public String getId() {
        return id;
    }

    public int getMaxActiveKeys() {
        return maxActiveKeys;
    }

    public void setMaxActiveKeys(int maxActiveKeys) {
        this.maxActiveKeys = maxActiveKeys;
    }

    public long getMonthlyRequests() {
        return monthlyRequests;
    }

    public void setMonthlyRequests(long monthlyRequests) {
        this.monthlyRequests = monthlyRequests;
    }

    public long getStorageBytes() {
        return storageBytes;
    }

    public void setStorageBytes(long storageBytes) {
        this.storageBytes = storageBytes;
    }

    public int getAuditRetentionDays() {
        return auditRetentionDays;
    }

    public void setAuditRetentionDays(int auditRetentionDays) {
        this.auditRetentionDays = auditRetentionDays;
    }
}
