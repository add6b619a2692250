package dev.artifacta.command.artifacts;

import dev.artifacta.command.shared.Rejection;

/** No artifact with that id for this caller: unknown, deleted or another tenant's alike. */
public final class ArtifactNotFound extends Rejection {

    public ArtifactNotFound(String artifactId) {
        super(Kind.NOT_FOUND, "artifact-not-found", "There is no artifact with id '" + artifactId + "'.");
    }
}
