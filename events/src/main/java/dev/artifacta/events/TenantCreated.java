package dev.artifacta.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A tenant signed up.
 *
 * @param tenantId the new tenant's id
 * @param name the tenant's unique, URL-safe name (for example {@code acme-corp})
 * @param ownerEmail the email of the owning user; API keys with the {@code user} identity act as
 *     this user
 * @param plan the plan id the tenant starts on (for example {@code free})
 * @param createdAt when the tenant was created
 */
@Revision("1")
public record TenantCreated(String tenantId, String name, String ownerEmail, String plan, Instant createdAt)
        implements TenantEvent {}
