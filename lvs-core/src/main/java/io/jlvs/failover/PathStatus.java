package io.jlvs.failover;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One heartbeat path to a peer as this node sees it.
 *
 * @param name the path's name ("public", "private")
 * @param up whether a valid heartbeat came over it within the dead time
 * @param lastHeard when it last carried a valid heartbeat (wall clock), empty if never (or since the
 *     peer said goodbye)
 */
public record PathStatus(String name, boolean up, Optional<Instant> lastHeard) {
    public PathStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lastHeard, "lastHeard");
    }
}
