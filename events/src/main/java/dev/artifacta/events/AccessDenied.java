package dev.artifacta.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A request that authenticated with a valid API key was refused. Recorded so that a compliance
 * reader sees what a key tried and could not do, not only what it did. Invalid keys are not
 * recorded here (they have no tenant to attribute the attempt to); they are counted in metrics.
 *
 * @param tenantId the tenant of the key that made the attempt
 * @param operation the route attempted, for example {@code POST /v1/artifacts/{id}/versions}
 * @param resourceType the kind of resource the attempt was aimed at, for example {@code artifact}
 * @param resourceId the id of that resource as the caller gave it (the tenant id for
 *     tenant-level operations)
 * @param reason why it was refused: {@code scope}, {@code role}, {@code plan}, {@code tenant} or
 *     {@code identity}
 * @param problem the problem type the caller was answered with, for example
 *     {@code insufficient-scope}
 * @param deniedAt when it was refused
 */
@Revision("1")
public record AccessDenied(
        String tenantId,
        String operation,
        String resourceType,
        String resourceId,
        String reason,
        String problem,
        Instant deniedAt)
        implements AccessEvent {

    public static final String SCOPE = "scope";
    public static final String ROLE = "role";
    public static final String PLAN = "plan";
    public static final String TENANT = "tenant";
    /** A credential or agent above the caller's own authority. */
    public static final String IDENTITY = "identity";
}
