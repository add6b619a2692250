package dev.artifacta.command.artifacts;

import dev.artifacta.command.plans.PlanFeatures;
import java.time.Instant;

/** Create an artifact with its first version. */
public record CreateArtifact(
        String artifactId,
        String tenantId,
        String projectId,
        String title,
        NewContent content,
        boolean makePrivate,
        PlanFeatures plan,
        Instant now) {}
