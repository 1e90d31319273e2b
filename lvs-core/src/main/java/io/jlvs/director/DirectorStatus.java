package io.jlvs.director;

import io.jlvs.ipvs.Stats;
import java.util.List;
import java.util.Objects;

/**
 * What a director is doing right now, for jlvsctl status and tests.
 *
 * @param role          INIT, BACKUP, ACTIVE or FAULT
 * @param peers         one line per failover peer
 * @param failovers     times this node took the active role since start
 * @param configFile    the configuration in force
 * @param services      every configured service with its real servers
 * @param heartbeatAuthentication how heartbeats are authenticated: "key-file", "insecure" (a key
 *     anyone can derive: heartbeat_insecure = 1) or "none" (a single director)
 * @param failover      this node in its failover pair: election state, heartbeat paths, floating
 *     addresses held, and the peer as this node sees it ({@link Failover#NONE} without a failover module)
 */
public record DirectorStatus(String role, List<String> peers, long failovers, String configFile,
        List<Service> services, String heartbeatAuthentication, Failover failover) {

    public DirectorStatus {
        Objects.requireNonNull(role, "role");
        peers = List.copyOf(peers);
        services = List.copyOf(services);
        Objects.requireNonNull(heartbeatAuthentication, "heartbeatAuthentication");
        Objects.requireNonNull(failover, "failover");
    }

    /** A status without the failover detail. */
    public DirectorStatus(String role, List<String> peers, long failovers, String configFile, List<Service> services,
            String heartbeatAuthentication) {
        this(role, peers, failovers, configFile, services, heartbeatAuthentication, Failover.NONE);
    }

    /** A single director's status: no heartbeats to authenticate. */
    public DirectorStatus(String role, List<String> peers, long failovers, String configFile, List<Service> services) {
        this(role, peers, failovers, configFile, services, "none");
    }

    /**
     * This node in its failover pair. Times are milliseconds before the status was taken, so that a
     * reader on another clock need not compare clocks; -1 means never.
     *
     * @param node       "primary" or "backup" (paired), "single" (no backup: this node holds the
     *     addresses), or "none" (the director runs without a failover module)
     * @param state      the election's own state: INIT, BACKUP, ACTIVE, FAULT or STOPPED
     * @param reason     why it entered that state, in words ("peer 2 dead on all paths"); empty before
     *     the first change
     * @param sinceMillisAgo when it entered that state; -1 before the first change
     * @param priority   this node's advertised priority (0..255)
     * @param preempt    whether it takes the active role back from a lower-priority peer
     * @param addresses  the floating addresses (VIPs and the NAT router) and whether this host holds each
     * @param peerNodes  each peer with its heartbeat paths
     * @param heartbeats this node's heartbeat counters since start
     */
    public record Failover(String node, String state, String reason, long sinceMillisAgo, int priority, boolean preempt,
            List<Address> addresses, List<PeerNode> peerNodes, Heartbeats heartbeats) {
        /** No failover module. */
        public static final Failover NONE = new Failover("none", "ACTIVE", "", -1, 0, false, List.of(), List.of(),
                new Heartbeats(0, 0, 0));

        public Failover {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(reason, "reason");
            addresses = List.copyOf(addresses);
            peerNodes = List.copyOf(peerNodes);
            Objects.requireNonNull(heartbeats, "heartbeats");
        }
    }

    /**
     * A floating address.
     *
     * @param address   ip/prefix
     * @param device    the interface and label it goes on ("eth0:1")
     * @param kind      VIRTUAL_IP or NAT_ROUTER
     * @param held      whether it is on this host now (read from the kernel)
     */
    public record Address(String address, String device, String kind, boolean held) {
    }

    /**
     * A peer as this node sees it.
     *
     * @param name           "primary" or "backup"
     * @param state          ALIVE (every path), DEGRADED (some) or DEAD
     * @param role           its last advertised role, empty before its first heartbeat
     * @param priority       its last advertised priority
     * @param lastHeardMillisAgo its last valid heartbeat on any path; -1 never
     * @param paths          each heartbeat path to it
     */
    public record PeerNode(String name, String state, String role, int priority, long lastHeardMillisAgo, List<Path> paths) {
        public PeerNode {
            paths = List.copyOf(paths);
        }
    }

    /**
     * A heartbeat path.
     *
     * @param name    "public" or "private"
     * @param local   this node's address on it
     * @param peer    the peer's address on it
     * @param up      a valid heartbeat came over it within the dead time
     * @param lastHeardMillisAgo its last valid heartbeat; -1 never
     */
    public record Path(String name, String local, String peer, boolean up, long lastHeardMillisAgo) {
    }

    /**
     * Heartbeat counters.
     *
     * @param sent     datagrams sent on all paths
     * @param accepted datagrams taken as valid heartbeats
     * @param rejected datagrams refused (malformed, bad MAC, unknown peer, replayed)
     */
    public record Heartbeats(long sent, long accepted, long rejected) {
    }

    /**
     * @param name       the configuration's name
     * @param key        e.g. "TCP 10.0.0.1:80"
     * @param scheduler  the scheduler name
     * @param active     {@code active} in the configuration
     * @param programmed whether the kernel holds it now
     */
    public record Service(String name, String key, String scheduler, boolean active, boolean programmed,
            List<Server> servers) {
        public Service {
            servers = List.copyOf(servers);
        }
    }

    /**
     * @param name              the configuration's name
     * @param address           address:port
     * @param configuredWeight  the weight in the configuration
     * @param weight            the weight in the kernel now, -1 when it is not in the kernel
     * @param health            UNKNOWN, UP or DOWN
     * @param reason            the last check's note or failure
     * @param admin             "enabled", "disabled" or "weight N" (an operator's override)
     * @param activeConnections kernel ActiveConn, 0 when not in the kernel
     * @param inactiveConnections kernel InActConn
     * @param stats             the kernel's counters and rate estimates (connections/s, packets/s,
     *     bytes/s in and out); zero when not in the kernel
     */
    public record Server(String name, String address, int configuredWeight, int weight, String health,
            String reason, String admin, int activeConnections, int inactiveConnections, Stats stats) {
        public Server {
            Objects.requireNonNull(stats, "stats");
        }

        /** A server without counters (all zero). */
        public Server(String name, String address, int configuredWeight, int weight, String health,
                String reason, String admin, int activeConnections, int inactiveConnections) {
            this(name, address, configuredWeight, weight, health, reason, admin, activeConnections, inactiveConnections,
                    Stats.ZERO);
        }
    }
}
