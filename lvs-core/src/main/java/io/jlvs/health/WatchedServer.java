package io.jlvs.health;

import io.jlvs.ipvs.RealServer;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One configured real server of a watched service and how to check it.
 *
 * @param server the configuration: address, port, forwarding method and the weight to restore
 * @param check  the check run against {@code target}
 * @param target where the check connects; usually the real server's address and port, but a
 *               firewall-mark service (port 0) or a separate health port needs another
 * @param onFailure what happens to this server when it fails, overriding its service's policy
 *               (keepalived's per-server {@code inhibit_on_failure}); empty = the policy's
 */
public record WatchedServer(RealServer server, HealthCheck check, InetSocketAddress target,
                            Optional<FailureAction> onFailure) {
    public WatchedServer {
        Objects.requireNonNull(onFailure, "onFailure of " + server + " (use Optional.empty())");
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

    /** A server that fails as its service's policy says. */
    public WatchedServer(RealServer server, HealthCheck check, InetSocketAddress target) {
        this(server, check, target, Optional.empty());
    }

    /** This server failing as {@code action} says, whatever its service's policy. */
    public WatchedServer withOnFailure(FailureAction action) {
        return new WatchedServer(server, check, target, Optional.of(action));
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
