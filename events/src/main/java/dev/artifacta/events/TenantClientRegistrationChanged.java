package dev.artifacta.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An owner or admin allowed, or stopped allowing, OAuth clients such as MCP clients to register
 * themselves (RFC 7591 dynamic client registration) and be approved by the workspace's members.
 * Off until changed.
 *
 * @param tenantId the tenant
 * @param enabled whether self-registered clients may be approved in the workspace from now on
 * @param changedAt when the setting changed
 */
@Revision("1")
public record TenantClientRegistrationChanged(String tenantId, boolean enabled, Instant changedAt)
        implements TenantEvent {}
