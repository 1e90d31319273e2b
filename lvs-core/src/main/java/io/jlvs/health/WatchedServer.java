package io.jlvs.health;

import io.jlvs.ipvs.RealServer;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One configured real server of a watched service and how to check it.
 *
 * @param server the configuration: address, port, forwarding method and the weight to restore
 * @param check  the check run against {@code target}
 * @param target where the check connects; usually the real server's address and port, but a
 *               firewall-mark service (port 0) or a separate health port needs another
 */
public record WatchedServer(RealServer server, HealthCheck check, InetSocketAddress target) {
    public WatchedServer {
        Objects.requireNonNull(server, "real server");
        Objects.requireNonNull(check, "health check of " + server);
        Objects.requireNonNull(target, "check target of " + server);
        if (target.isUnresolved()) {
            throw new IllegalArgumentException("check target " + target + " of " + server + " is not resolved to an address");
        }
        if (target.getPort() == 0) {
            throw new IllegalArgumentException("check target of " + server
                    + " has port 0: give the port to check (a firewall-mark service has no port of its own)");
        }
    }

    /** Checks the real server at its own address and port. */
    public static WatchedServer of(RealServer server, HealthCheck check) {
        return new WatchedServer(server, check, new InetSocketAddress(server.address(), server.port()));
    }

    /** Checks the real server's address on another port. */
    public static WatchedServer of(RealServer server, HealthCheck check, int checkPort) {
        return new WatchedServer(server, check, new InetSocketAddress(server.address(), checkPort));
    }
}
