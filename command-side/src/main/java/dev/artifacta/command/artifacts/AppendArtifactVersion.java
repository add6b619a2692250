package dev.artifacta.command.artifacts;

import dev.artifacta.command.plans.PlanFeatures;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Append a version; with {@code expectedVersion} only if that is still the head. A content type or
 * file name the content leaves null is the head's. Answers the {@link AppendedVersion}.
 */
public record AppendArtifactVersion(
        @TargetAggregateIdentifier String artifactId,
        String tenantId,
        NewContent content,
        Long expectedVersion,
        PlanFeatures plan,
        Instant now) {}
