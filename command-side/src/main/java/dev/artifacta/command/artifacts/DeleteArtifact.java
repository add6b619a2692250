package dev.artifacta.command.artifacts;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Soft-delete an artifact; with {@code expectedVersion} only if that is still the head. */
public record DeleteArtifact(
        @TargetAggregateIdentifier String artifactId, String tenantId, Long expectedVersion, Instant now) {}
