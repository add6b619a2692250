package dev.artifacta.events;

/** Events of the tenant aggregate (stream id: the tenant id). */
public sealed interface TenantEvent extends ArtifactaEvent
        permits TenantCreated, TenantPlanChanged, TenantClientRegistrationChanged {}
