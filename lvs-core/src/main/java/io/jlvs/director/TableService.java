package io.jlvs.director;

import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerAddress;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.VirtualService;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One virtual service of an IPVS table with its real servers, keyed by their address and port, in a
 * stable order (the configuration's, or the kernel's for a live table). Only settings, no counters.
 *
 * @param service the service's key and settings
 * @param realServers its real servers by address and port; unmodifiable
 */
public record TableService(VirtualService service, Map<RealServerAddress, RealServer> realServers) {
    public TableService {
        Objects.requireNonNull(service, "service");
        Map<RealServerAddress, RealServer> copy = new LinkedHashMap<>();
        realServers.forEach((k, v) -> {
            if (!k.equals(v.key())) {
                throw new IllegalArgumentException("real server " + v + " filed under " + k);
            }
            copy.put(k, v);
        });
        realServers = Collections.unmodifiableMap(copy);
    }

    /** A service with these real servers, in order; two with the same address and port are an error. */
    public static TableService of(VirtualService service, Collection<RealServer> servers) {
        Map<RealServerAddress, RealServer> map = new LinkedHashMap<>();
        for (RealServer s : servers) {
            if (map.putIfAbsent(s.key(), s) != null) {
                throw new IllegalArgumentException("real server " + s.key() + " is listed twice in " + service.key());
            }
        }
        return new TableService(service, map);
    }

    public ServiceKey key() {
        return service.key();
    }

    public Optional<RealServer> realServer(RealServerAddress address) {
        return Optional.ofNullable(realServers.get(address));
    }
}
