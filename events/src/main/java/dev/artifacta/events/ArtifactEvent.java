package dev.artifacta.events;

/** Events of the artifact aggregate (stream id: the artifact id). */
public sealed interface ArtifactEvent extends ArtifactaEvent
        permits ArtifactCreated, ArtifactVersionAppended, ArtifactRestored, ArtifactDeleted, ArtifactAccessUpdated {

    /** The artifact the event concerns. */
    String artifactId();
}
