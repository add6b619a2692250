package dev.artifacta.events;

/** Events of the project aggregate (stream id: the project id). */
public sealed interface ProjectEvent extends ArtifactaEvent permits ProjectCreated {

    /** The project the event concerns. */
    String projectId();
}
