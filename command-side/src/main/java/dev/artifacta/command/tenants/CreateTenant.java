package dev.artifacta.command.tenants;

import java.time.Instant;

/** Create a tenant (part of signing up). */
public record CreateTenant(String tenantId, String name, String ownerEmail, String plan, Instant now) {}
