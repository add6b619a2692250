package dev.artifacta.server.auth;

import dev.artifacta.command.members.infrastructure.MemberRegistryProjection;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every tenant created before workspace members existed its owner as a member, once, at
 * start-up: the same lookup row the member projection makes from {@code TenantCreated}, so the
 * table is what a replay of the events would build. Idempotent, so several nodes may run it.
 */
@Singleton
public class LegacyMembers {

    private static final Logger LOG = LoggerFactory.getLogger(LegacyMembers.class);

    private final MemberRegistryProjection members;

    public LegacyMembers(MemberRegistryProjection members) {
        this.members = members;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        int added = members.addMissingOwners();
        if (added > 0) {
            LOG.info("Recorded the owner of {} tenants made before workspace members as their first member", added);
        }
    }
}
