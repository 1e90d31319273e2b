package io.jlvs.director;

import io.jlvs.ipvs.IpvsClient;
import io.jlvs.ipvs.RealServerEntry;
import io.jlvs.ipvs.ServiceEntry;
import io.jlvs.ipvs.ServiceKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The IPVS table as the kernel holds it: settings only, counters dropped, in the kernel's order.
 *
 * @param services by key; unmodifiable
 */
public record LiveTable(Map<ServiceKey, TableService> services) {
    public LiveTable {
        services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
    }

    /**
     * Reads the kernel's table: one dump of the services, then one of each service's real servers.
     * Read-only; a service deleted between the two dumps shows with no real servers.
     */
    public static LiveTable read(IpvsClient client) {
        List<ServiceEntry> services = client.services();
        Map<ServiceKey, List<RealServerEntry>> servers = new LinkedHashMap<>();
        for (ServiceEntry s : services) {
            servers.put(s.key(), client.realServers(s.key()));
        }
        return of(services, servers);
    }

    /** A table from entries as IpvsClient returns them (services() and realServers(key)). */
    public static LiveTable of(List<ServiceEntry> services, Map<ServiceKey, List<RealServerEntry>> realServers) {
        Map<ServiceKey, TableService> table = new LinkedHashMap<>();
        for (ServiceEntry s : services) {
            List<RealServerEntry> entries = realServers.getOrDefault(s.key(), List.of());
            table.put(s.key(), TableService.of(s.service(), entries.stream().map(RealServerEntry::server).toList()));
        }
        return new LiveTable(table);
    }

    /** An empty kernel table. */
    public static LiveTable empty() {
        return new LiveTable(Map.of());
    }

    public Optional<TableService> service(ServiceKey key) {
        return Optional.ofNullable(services.get(key));
    }
}
