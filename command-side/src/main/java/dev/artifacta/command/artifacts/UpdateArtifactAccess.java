package dev.artifacta.command.artifacts;

import dev.artifacta.command.plans.PlanFeatures;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replace an artifact's access settings; with {@code expectedVersion} only if that is still the head. */
public record UpdateArtifactAccess(
        @TargetAggregateIdentifier String artifactId,
        String tenantId,
        boolean publicView,
        boolean publicEdit,
        List<String> viewerEmails,
        Long expectedVersion,
        PlanFeatures plan,
        Instant now) {}
