package dev.artifacta.command.comments;

import java.util.Optional;

/** The comments replies can be posted to (the command side's lookup table). */
public interface CommentThreads {

    /** Where a comment of the tenant sits: its artifact, its parent, its version, whether deleted. */
    record Thread(String artifactId, String parentId, Long version, boolean deleted) {}

    /** The tenant's comment with this id; empty for unknown ids and other tenants' comments alike. */
    Optional<Thread> find(String tenantId, String commentId);
}
