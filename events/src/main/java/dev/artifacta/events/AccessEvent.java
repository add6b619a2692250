package dev.artifacta.events;

/**
 * Events about access itself rather than a resource's state. They belong to no aggregate: they are
 * published as plain events, so recording one never contends with commands on the resource.
 */
public sealed interface AccessEvent extends ArtifactaEvent permits AccessDenied {}
