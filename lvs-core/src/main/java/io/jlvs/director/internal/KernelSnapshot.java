package io.jlvs.director.internal;

import io.jlvs.director.LiveTable;
import io.jlvs.ipvs.IpvsClient;
import io.jlvs.ipvs.RealServerAddress;
import io.jlvs.ipvs.RealServerEntry;
import io.jlvs.ipvs.ServiceEntry;
import io.jlvs.ipvs.ServiceKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The kernel's IPVS table at one moment with its counters: what status and metrics show. The
 * reconciler compares settings only ({@link #toLiveTable()}).
 */
public record KernelSnapshot(List<LiveService> services) {
    public KernelSnapshot {
        services = List.copyOf(services);
    }

    /** A service and its real servers as dumped. */
    public record LiveService(ServiceEntry entry, List<RealServerEntry> servers) {
        public LiveService {
            Objects.requireNonNull(entry, "entry");
            servers = List.copyOf(servers);
        }
    }

    /** Dumps the whole table: one dump for the services, one per service for its real servers. */
    public static KernelSnapshot read(IpvsClient ipvs) {
        List<LiveService> out = new ArrayList<>();
        for (ServiceEntry s : ipvs.services()) {
            out.add(new LiveService(s, ipvs.realServers(s.key())));
        }
        return new KernelSnapshot(out);
    }

    /** The settings alone, as the reconciler compares them. */
    public LiveTable toLiveTable() {
        Map<ServiceKey, List<RealServerEntry>> servers = new LinkedHashMap<>();
        services.forEach(s -> servers.put(s.entry().key(), s.servers()));
        return LiveTable.of(services.stream().map(LiveService::entry).toList(), servers);
    }

    public Optional<LiveService> service(ServiceKey key) {
        return services.stream().filter(s -> s.entry().key().equals(key)).findFirst();
    }

    public Optional<RealServerEntry> server(ServiceKey key, RealServerAddress server) {
        return service(key).flatMap(s -> s.servers().stream().filter(r -> r.key().equals(server)).findFirst());
    }
}
