package dev.artifacta.command.artifacts;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Soft-delete an artifact. */
public record DeleteArtifact(@TargetAggregateIdentifier String artifactId, String tenantId, Instant now) {}
