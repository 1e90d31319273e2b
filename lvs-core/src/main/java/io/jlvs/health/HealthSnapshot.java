package io.jlvs.health;

import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.ServiceKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a monitor wants the kernel to hold right now, for a director's status and overlay.
 *
 * @param time            when it was taken (the monitor's clock)
 * @param services        each watched service, in the order given to the monitor
 * @param probesCompleted probes finished since the monitor started (results counted)
 */
public record HealthSnapshot(Instant time, Map<ServiceKey, ServiceHealth> services, long probesCompleted) {
    public HealthSnapshot {
        services = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(services));
    }

    /** The service's health, or an IllegalArgumentException naming it if it is not watched. */
    public ServiceHealth service(ServiceKey key) {
        ServiceHealth s = services.get(key);
        if (s == null) {
            throw new IllegalArgumentException(key + " is not watched by this monitor");
        }
        return s;
    }

    /**
     * One service.
     *
     * @param key          the service
     * @param quorumHeld   whether its up weight satisfies its quorum (true without a quorum)
     * @param withdrawn    whether it is withdrawn from the kernel (below quorum with {@link QuorumAction.Withdraw})
     * @param upWeight     the sum of the target weights of its up real servers
     * @param servers      its configured real servers, in configuration order
     * @param sorryServer  the sorry server while it is in service
     */
    public record ServiceHealth(ServiceKey key, boolean quorumHeld, boolean withdrawn, long upWeight,
            List<ServerHealth> servers, Optional<RealServer> sorryServer) {
        public ServiceHealth {
            servers = List.copyOf(servers);
        }

        /** The real server whose address is {@code address:port}; IllegalArgumentException if none. */
        public ServerHealth server(RealServer configured) {
            return servers.stream().filter(s -> s.configured().key().equals(configured.key())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(configured.key() + " is not a real server of " + key));
        }

        /** The real servers the kernel should hold for this service, with their weights (sorry server included). */
        public List<RealServer> desiredRealServers() {
            if (withdrawn) {
                return List.of();
            }
            List<RealServer> out = new java.util.ArrayList<>();
            for (ServerHealth s : servers) {
                if (s.desired().present()) {
                    out.add(s.configured().withWeight(s.desired().weight()));
                }
            }
            sorryServer.ifPresent(out::add);
            return out;
        }
    }

    /**
     * One real server of one service.
     *
     * @param configured        as configured (the weight to restore)
     * @param healthy           whether it counts as up (after rise/fall)
     * @param desired           what the kernel should hold for it
     * @param consecutive       results in a row agreeing with the last one
     * @param lastResult        the last probe's result, empty before the first
     */
    public record ServerHealth(RealServer configured, boolean healthy, DesiredState desired, int consecutive,
            Optional<ProbeResult> lastResult) {
    }
}
