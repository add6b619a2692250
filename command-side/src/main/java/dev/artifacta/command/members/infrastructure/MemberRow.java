package dev.artifacta.command.members.infrastructure;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * One member of one workspace, as authentication and sign-in need them: a key acting as a user and
 * a signed-in session both read the member's current role from here, in the append's transaction,
 * so a removal or a role change holds from the next request on every node.
 *
 * @param membershipId {@code <tenantId>:<userId>}
 * @param displayName the name their identity provider gave at their last sign-in; null before one
 */
@MappedEntity("member_registry")
public record MemberRow(
        @Id String membershipId,
        String tenantId,
        String userId,
        String email,
        String role,
        Instant joinedAt,
        @io.micronaut.core.annotation.Nullable String displayName) {

    public static String idOf(String tenantId, String userId) {
        return tenantId + ":" + userId;
    }
}
