package io.jlvs.failover;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of one peer as this node sees it.
 *
 * @param nodeId the peer's id
 * @param state alive, degraded or dead
 * @param role its last advertised role, empty before its first valid heartbeat
 * @param priority its last advertised priority (0 before the first heartbeat)
 * @param lastHeard when this node last accepted a heartbeat from it (wall clock), on any path
 * @param paths each heartbeat path to it, in the peer's configured order
 */
public record PeerStatus(int nodeId, PeerState state, Optional<Role> role, int priority, Optional<Instant> lastHeard,
        List<PathStatus> paths) {
    public PeerStatus {
        paths = List.copyOf(paths);
    }

    /** A peer's status without its paths' detail. */
    public PeerStatus(int nodeId, PeerState state, Optional<Role> role, int priority, Optional<Instant> lastHeard) {
        this(nodeId, state, role, priority, lastHeard, List.of());
    }
}
