package dev.artifacta.command.artifacts;

import dev.artifacta.command.plans.PlanFeatures;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Make an older version's content the head, as a new version. Answers the new version. */
public record RestoreArtifactVersion(
        @TargetAggregateIdentifier String artifactId,
        String tenantId,
        long version,
        Long expectedVersion,
        PlanFeatures plan,
        Instant now) {}
