package io.jlvs.failover;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Another node of the group and the paths to it.
 *
 * @param nodeId the id it puts in its heartbeats (unsigned 32 bits, not 0)
 * @param paths at least one; names unique for this peer
 */
public record Peer(int nodeId, List<HeartbeatPath> paths) {
    public Peer {
        if (nodeId == 0) {
            throw new IllegalArgumentException("peer node id must not be 0");
        }
        Objects.requireNonNull(paths, "paths");
        paths = List.copyOf(paths);
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("peer " + Integer.toUnsignedString(nodeId) + " has no heartbeat path");
        }
        Set<String> names = new HashSet<>();
        for (HeartbeatPath p : paths) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("peer " + Integer.toUnsignedString(nodeId) + " has two paths named "
                        + p.name());
            }
        }
    }

    /** A peer reached over the given paths. */
    public static Peer of(int nodeId, HeartbeatPath... paths) {
        return new Peer(nodeId, List.of(paths));
    }
}
