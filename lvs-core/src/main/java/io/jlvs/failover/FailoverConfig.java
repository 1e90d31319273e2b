package io.jlvs.failover;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How one node takes part in a failover group. Build with {@link #builder}; every setting is
 * checked when built, and an error names the setting.
 *
 * @param clusterId tells groups sharing a network apart (unsigned 32 bits); heartbeats of another
 *     cluster are ignored
 * @param nodeId this node's id (unsigned 32 bits, not 0); breaks priority ties: the higher id wins
 * @param priority 0..255, the highest live priority is active
 * @param preempt whether this node, when it outranks the active node, takes the role back once it
 *     has been heard healthy for {@code holdDown} (failback); without it, it waits for the active
 *     node to fail
 * @param keepalive how often heartbeats are sent on every path (10 ms or more)
 * @param deadtime a peer with no valid heartbeat on any path for this long is dead (more than
 *     {@code keepalive}; 3 to 4 keepalives is usual)
 * @param holdDown how long a returning higher-priority node must have been heard before the active
 *     node yields to it
 * @param initialWait how long a starting node listens before it may become active (defaults to
 *     {@code deadtime}: long enough to hear an active peer)
 * @param port UDP port of every path, here and on the peers (Piranha's 539 by default)
 * @param key the shared HMAC key
 * @param peers the other nodes, each with its paths
 */
public record FailoverConfig(
        int clusterId,
        int nodeId,
        int priority,
        boolean preempt,
        Duration keepalive,
        Duration deadtime,
        Duration holdDown,
        Duration initialWait,
        int port,
        HeartbeatKey key,
        List<Peer> peers) {

    /** Piranha's heartbeat port (pulse), kept as the default. */
    public static final int DEFAULT_PORT = 539;
    private static final Duration MIN_KEEPALIVE = Duration.ofMillis(10);

    public FailoverConfig {
        if (nodeId == 0) {
            throw new IllegalArgumentException("node id must not be 0");
        }
        if (priority < 0 || priority > 255) {
            throw new IllegalArgumentException("priority " + priority + " is outside 0..255");
        }
        Objects.requireNonNull(keepalive, "keepalive");
        Objects.requireNonNull(deadtime, "deadtime");
        Objects.requireNonNull(holdDown, "holdDown");
        Objects.requireNonNull(initialWait, "initialWait");
        if (keepalive.compareTo(MIN_KEEPALIVE) < 0) {
            throw new IllegalArgumentException("keepalive " + keepalive.toMillis() + " ms is below the minimum of "
                    + MIN_KEEPALIVE.toMillis() + " ms");
        }
        if (deadtime.compareTo(keepalive) <= 0) {
            throw new IllegalArgumentException("deadtime " + deadtime.toMillis() + " ms must be longer than keepalive "
                    + keepalive.toMillis() + " ms (3 to 4 keepalives is usual)");
        }
        if (holdDown.isNegative()) {
            throw new IllegalArgumentException("holdDown must not be negative: " + holdDown);
        }
        if (initialWait.isNegative()) {
            throw new IllegalArgumentException("initialWait must not be negative: " + initialWait);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("heartbeat port " + port + " is outside 1..65535");
        }
        Objects.requireNonNull(key, "key (HeartbeatKey.fromFile(...))");
        peers = List.copyOf(Objects.requireNonNull(peers, "peers"));
        if (peers.isEmpty()) {
            throw new IllegalArgumentException("no peers: a failover group needs at least one other node");
        }
        checkPeers(nodeId, peers);
    }

    /** The paths of every peer, in configuration order. */
    public List<HeartbeatPath> allPaths() {
        List<HeartbeatPath> paths = new ArrayList<>();
        peers.forEach(p -> paths.addAll(p.paths()));
        return paths;
    }

    /** The distinct local addresses the node binds. */
    public Set<InetAddress> localAddresses() {
        Set<InetAddress> locals = new java.util.LinkedHashSet<>();
        allPaths().forEach(p -> locals.add(p.local()));
        return locals;
    }

    private static void checkPeers(int nodeId, List<Peer> peers) {
        Set<Integer> ids = new HashSet<>();
        // A datagram is attributed to a peer and path by (local, source) address: they must be unique.
        Map<List<InetAddress>, Integer> owners = new HashMap<>();
        for (Peer peer : peers) {
            String id = Integer.toUnsignedString(peer.nodeId());
            if (peer.nodeId() == nodeId) {
                throw new IllegalArgumentException("peer " + id + " has this node's own id");
            }
            if (!ids.add(peer.nodeId())) {
                throw new IllegalArgumentException("peer " + id + " is listed twice");
            }
            for (HeartbeatPath path : peer.paths()) {
                Integer other = owners.putIfAbsent(List.of(path.local(), path.peer()), peer.nodeId());
                if (other != null) {
                    throw new IllegalArgumentException("path " + path + " of peer " + id + " repeats a path of peer "
                            + Integer.toUnsignedString(other));
                }
            }
        }
    }

    /** A builder for node {@code nodeId} with the defaults: priority 100, preempt on, keepalive 1 s,
     * deadtime 4 s, hold-down 10 s, initial wait = deadtime, port 539, cluster 1. */
    public static Builder builder(int nodeId, HeartbeatKey key) {
        return new Builder(nodeId, key);
    }

    /** Builds a {@link FailoverConfig}. Not thread-safe. */
    public static final class Builder {
        private final int nodeId;
        private final HeartbeatKey key;
        private int clusterId = 1;
        private int priority = 100;
        private boolean preempt = true;
        private Duration keepalive = Duration.ofSeconds(1);
        private Duration deadtime = Duration.ofSeconds(4);
        private Duration holdDown = Duration.ofSeconds(10);
        private Duration initialWait;
        private int port = DEFAULT_PORT;
        private final List<Peer> peers = new ArrayList<>();

        private Builder(int nodeId, HeartbeatKey key) {
            this.nodeId = nodeId;
            this.key = key;
        }

        public Builder clusterId(int clusterId) {
            this.clusterId = clusterId;
            return this;
        }

        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        public Builder preempt(boolean preempt) {
            this.preempt = preempt;
            return this;
        }

        public Builder keepalive(Duration keepalive) {
            this.keepalive = keepalive;
            return this;
        }

        public Builder deadtime(Duration deadtime) {
            this.deadtime = deadtime;
            return this;
        }

        public Builder holdDown(Duration holdDown) {
            this.holdDown = holdDown;
            return this;
        }

        /** Unset: the dead time. */
        public Builder initialWait(Duration initialWait) {
            this.initialWait = initialWait;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder peer(Peer peer) {
            peers.add(Objects.requireNonNull(peer, "peer"));
            return this;
        }

        public FailoverConfig build() {
            return new FailoverConfig(clusterId, nodeId, priority, preempt, keepalive, deadtime, holdDown,
                    initialWait == null ? deadtime : initialWait, port, key, peers);
        }
    }
}
