package dev.artifacta.command.tenants.infrastructure;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** One row of the tenant lookup table. */
@MappedEntity("tenant_registry")
public record TenantRow(@Id String tenantId, String name, String ownerEmail, String plan, Instant createdAt) {}
