package io.jlvs.health;

import io.jlvs.ipvs.RealServerAddress;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.VirtualService;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A virtual service whose real servers a monitor keeps true to their health: the service's settings
 * (needed to add it back after a quorum withdrawal), its configured real servers with their checks,
 * and its policy.
 */
public record WatchedService(VirtualService service, List<WatchedServer> servers, HealthPolicy policy) {
    public WatchedService {
        Objects.requireNonNull(service, "virtual service");
        servers = List.copyOf(Objects.requireNonNull(servers, "real servers of " + service.key()));
        Objects.requireNonNull(policy, "health policy of " + service.key());
        Set<RealServerAddress> seen = new HashSet<>();
        for (WatchedServer s : servers) {
            if (!seen.add(s.server().key())) {
                throw new IllegalArgumentException(service.key() + ": real server " + s.server().key() + " is listed twice");
            }
        }
        policy.sorryServer().ifPresent(sorry -> {
            if (seen.contains(sorry.key())) {
                throw new IllegalArgumentException(service.key() + ": sorry server " + sorry.key()
                        + " is also one of its real servers");
            }
        });
    }

    public ServiceKey key() {
        return service.key();
    }
}
