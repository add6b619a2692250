package dev.artifacta.server.processing.rebuild;

import java.util.Optional;

/** The latest rebuild of each view on this node, for the projection monitor to report. */
public interface RebuildStates {

    /** The latest rebuild of the view on this node, running or finished; empty if none ran since start-up. */
    Optional<RebuildProgress> latest(String view);
}
