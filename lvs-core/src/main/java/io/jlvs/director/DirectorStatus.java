package io.jlvs.director;

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
 */
public record DirectorStatus(String role, List<String> peers, long failovers, String configFile,
        List<Service> services, String heartbeatAuthentication) {

    public DirectorStatus {
        Objects.requireNonNull(role, "role");
        peers = List.copyOf(peers);
        services = List.copyOf(services);
        Objects.requireNonNull(heartbeatAuthentication, "heartbeatAuthentication");
    }

    /** A single director's status: no heartbeats to authenticate. */
    public DirectorStatus(String role, List<String> peers, long failovers, String configFile, List<Service> services) {
        this(role, peers, failovers, configFile, services, "none");
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
     */
    public record Server(String name, String address, int configuredWeight, int weight, String health,
            String reason, String admin, int activeConnections, int inactiveConnections) {
    }
}
