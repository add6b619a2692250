package dev.artifacta.command.artifacts;

import dev.artifacta.command.shared.Rejection;

/** The artifact has no such version, or it is past the plan's version history. */
public final class VersionNotFound extends Rejection {

    public VersionNotFound(long version) {
        super(Kind.NOT_FOUND, "version-not-found", "There is no readable version " + version + ".");
    }
}
