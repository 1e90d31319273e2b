package io.jlvs.failover;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One way heartbeats travel between this node and a peer: from a local address to the peer's
 * address (same family), e.g. the public network and the private one. The node binds the local
 * address; a datagram counts for this path only when it comes from {@code peer} to {@code local}.
 *
 * @param name for logs and events ("public", "private")
 * @param local this node's address on that network
 * @param peer the peer's address on that network
 */
public record HeartbeatPath(String name, InetAddress local, InetAddress peer) {
    public HeartbeatPath {
        Objects.requireNonNull(name, "path name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("heartbeat path name is blank");
        }
        Objects.requireNonNull(local, "local address of path " + name);
        Objects.requireNonNull(peer, "peer address of path " + name);
        if (local.getAddress().length != peer.getAddress().length) {
            throw new IllegalArgumentException("heartbeat path " + name + ": local " + local.getHostAddress()
                    + " and peer " + peer.getHostAddress() + " are of different address families");
        }
        if (local.equals(peer)) {
            throw new IllegalArgumentException("heartbeat path " + name + ": local and peer are both "
                    + local.getHostAddress());
        }
    }

    @Override
    public String toString() {
        return name + " " + local.getHostAddress() + " -> " + peer.getHostAddress();
    }
}
