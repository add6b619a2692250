package dev.artifacta.command.sharing;

/** Confirms that an artifact exists for a tenant and is not deleted, before a link to it is made. */
public interface ShareableArtifacts {

    /** Throws {@link dev.artifacta.command.artifacts.ArtifactNotFound} otherwise. */
    void requireShareable(String artifactId, String tenantId);
}
