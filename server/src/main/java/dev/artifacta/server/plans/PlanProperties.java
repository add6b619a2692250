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

    @Min(1)
    private int versionHistoryDays = 30;

    @Min(0)
    private int rank;

    private boolean privateArtifacts;
    private boolean emailAllowlists;
    private boolean shareLinks;
    private boolean publicEdit;

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

    public int getVersionHistoryDays() {
        return versionHistoryDays;
    }

    public void setVersionHistoryDays(int versionHistoryDays) {
        this.versionHistoryDays = versionHistoryDays;
    }

    public int getRank() {
        return rank;
    }

    public void setRank(int rank) {
        this.rank = rank;
    }

    public boolean isPrivateArtifacts() {
        return privateArtifacts;
    }

    public void setPrivateArtifacts(boolean privateArtifacts) {
        this.privateArtifacts = privateArtifacts;
    }

    public boolean isEmailAllowlists() {
        return emailAllowlists;
    }

    public void setEmailAllowlists(boolean emailAllowlists) {
        this.emailAllowlists = emailAllowlists;
    }

    public boolean isShareLinks() {
        return shareLinks;
    }

    public void setShareLinks(boolean shareLinks) {
        this.shareLinks = shareLinks;
    }

    public boolean isPublicEdit() {
        return publicEdit;
    }

    public void setPublicEdit(boolean publicEdit) {
        this.publicEdit = publicEdit;
    }
}
