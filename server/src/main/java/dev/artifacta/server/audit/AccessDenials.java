package dev.artifacta.server.audit;

import dev.artifacta.events.AccessDenied;
import dev.artifacta.events.AuditMetadata;
import dev.artifacta.server.access.Principal;
import dev.artifacta.server.auth.Principals;
import dev.artifacta.server.auth.RequestInfos;
import dev.artifacta.server.http.DeniedRequests;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a refused request as an {@link AccessDenied} event when the caller holds a valid API key:
 * the audit trail then shows what a key tried and could not do. The event belongs to no aggregate,
 * so recording it never waits on the resource it was aimed at. A failure to record is logged and
 * never changes the answer the caller gets.
 */
@Singleton
public class AccessDenials implements DeniedRequests {

    private static final Logger LOG = LoggerFactory.getLogger(AccessDenials.class);

    /** Route prefixes (after {@code /v1/}) that name a resource by their first path variable. */
    private static final Map<String, String> RESOURCE_TYPES = Map.of(
            "artifacts", "artifact",
            "api-keys", "api_key",
            "agents", "agent",
            "projects", "project",
            "share-links", "share_link");

    private final EventStore events;
    private final Clock clock;
    private final MeterRegistry meters;

    public AccessDenials(EventStore events, Clock clock, MeterRegistry meters) {
        this.events = events;
        this.clock = clock;
        this.meters = meters;
    }

    /** Records the refusal if the request was made by a tenant's identity (a valid key, today). */
    @Override
    public void record(HttpRequest<?> request, String reason, String problemType) {
        Principal principal = Principals.of(request);
        principal
                .inTenant()
                .filter(tenantId -> principal.identity().isPresent())
                .ifPresent(tenantId -> {
                    meters.counter("artifacta.access.denied", "reason", reason).increment();
                    try {
                        Resource resource = resourceOf(request, tenantId);
                        AccessDenied denied = new AccessDenied(
                                tenantId,
                                operationOf(request),
                                resource.type(),
                                resource.id(),
                                reason,
                                problemType,
                                clock.instant());
                        events.publish(List.of(GenericEventMessage.asEventMessage(denied)
                                .andMetaData(MetaData.from(AuditMetadata.of(
                                        principal.actor(), principal.sponsor(), RequestInfos.of(request))))));
                    } catch (RuntimeException e) {
                        LOG.warn("Could not record a denied request in the audit trail", e);
                    }
                });
    }

    private record Resource(String type, String id) {}

    /** The route template, for example {@code POST /v1/artifacts/{id}/versions}. */
    private static String operationOf(HttpRequest<?> request) {
        String path = RouteAttributes.getRouteInfo(request)
                .filter(UriRouteInfo.class::isInstance)
                .map(info -> ((UriRouteInfo<?, ?>) info).getUriMatchTemplate().toString())
                .orElse(request.getPath());
        return request.getMethodName() + " " + path;
    }

    private static Resource resourceOf(HttpRequest<?> request, String tenantId) {
        String[] segments = request.getPath().split("/");
        // ["", "v1", "<collection>", "<id>", ...]
        if (segments.length >= 4 && RESOURCE_TYPES.containsKey(segments[2])) {
            String id = segments[3];
            return new Resource(RESOURCE_TYPES.get(segments[2]), id.length() > 254 ? id.substring(0, 254) : id);
        }
        return new Resource("tenant", tenantId);
    }
}
