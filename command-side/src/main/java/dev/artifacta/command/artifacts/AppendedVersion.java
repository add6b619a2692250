package dev.artifacta.command.artifacts;

import dev.artifacta.events.ContentRef;

/**
 * What an {@link AppendArtifactVersion} made: the new version's number and its content as stored,
 * with the type and file name it kept from the version before when the command left them open.
 */
public record AppendedVersion(long version, ContentRef content) {}
