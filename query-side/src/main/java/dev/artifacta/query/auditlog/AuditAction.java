package dev.artifacta.query.auditlog;

import dev.artifacta.events.ApiKeyCreated;
import dev.artifacta.events.ApiKeyRevoked;
import dev.artifacta.events.ArtifactaEvent;
import dev.artifacta.events.TenantCreated;
import dev.artifacta.events.TenantPlanChanged;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an event means to an audit reader: the action name, the resource it touched and a few
 * details. The switch is exhaustive over the sealed event hierarchy, so a new event cannot compile
 * without an audit action.
 *
 * @param action the action name, for example {@code api_key.revoked}
 * @param resourceType the kind of resource, for example {@code api_key}
 * @param resourceId the resource's id
 * @param details extra facts, in a stable order
 */
public record AuditAction(String action, String resourceType, String resourceId, Map<String, Object> details) {

    public static AuditAction of(ArtifactaEvent event) {
        return switch (event) {
            case TenantCreated e ->
                new AuditAction("tenant.created", "tenant", e.tenantId(), details("name", e.name(), "plan", e.plan()));
            case TenantPlanChanged e ->
                new AuditAction(
                        "tenant.plan_changed",
                        "tenant",
                        e.tenantId(),
                        details("previousPlan", e.previousPlan(), "plan", e.plan()));
            case ApiKeyCreated e ->
                new AuditAction(
                        "api_key.created",
                        "api_key",
                        e.keyId(),
                        details(
                                "name", e.name(),
                                "prefix", e.prefix(),
                                "scopes", e.scopes(),
                                "identity",
                                        e.identity().type() + ":" + e.identity().name(),
                                "expiresAt",
                                        e.expiresAt() == null
                                                ? null
                                                : e.expiresAt().toString()));
            case ApiKeyRevoked e -> new AuditAction("api_key.revoked", "api_key", e.keyId(), details("name", e.name()));
        };
    }

    private static Map<String, Object> details(Object... keyValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                map.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return map;
    }
}
