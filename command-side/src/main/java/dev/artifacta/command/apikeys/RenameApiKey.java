package dev.artifacta.command.apikeys;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Give a key of the calling tenant a new name. */
public record RenameApiKey(@TargetAggregateIdentifier String keyId, String tenantId, String name, Instant now) {}
