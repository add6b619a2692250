package dev.artifacta.command.sharing;

import dev.artifacta.command.apikeys.SecretDigest;
import dev.artifacta.command.plans.PlanFeatures;
import java.time.Instant;

/** Create a share link to an artifact; the caller generated the token and passes its digest. */
public record CreateShareLink(
        String linkId,
        String tenantId,
        String artifactId,
        String role,
        SecretDigest token,
        Instant expiresAt,
        PlanFeatures plan,
        Instant now) {}
