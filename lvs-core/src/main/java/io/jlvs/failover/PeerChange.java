package io.jlvs.failover;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A peer's liveness changed (alive, degraded, dead), as seen by this node.
 *
 * @param peerId the peer's node id
 * @param previous the state before
 * @param current the state now
 * @param pathsUp names of the paths with a valid heartbeat within the dead time
 * @param pathsDown names of the other paths
 * @param time when this node noticed
 */
public record PeerChange(int peerId, PeerState previous, PeerState current, List<String> pathsUp,
        List<String> pathsDown, Instant time) {
    public PeerChange {
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(current, "current");
        pathsUp = List.copyOf(pathsUp);
        pathsDown = List.copyOf(pathsDown);
        Objects.requireNonNull(time, "time");
    }

    @Override
    public String toString() {
        return "peer " + Integer.toUnsignedString(peerId) + " " + previous + " -> " + current + " (paths up " + pathsUp
                + ", down " + pathsDown + ")";
    }
}
