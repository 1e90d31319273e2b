package io.jlvs.director;

import io.jlvs.config.ClusterSettings;
import io.jlvs.config.Configuration;
import io.jlvs.config.RealServerConfig;
import io.jlvs.config.VirtualServerConfig;
import io.jlvs.ipvs.ForwardingMethod;
import io.jlvs.ipvs.Persistence;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerAddress;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.VirtualService;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The services and real servers the kernel should hold: what the {@link Reconciler} makes true.
 * Immutable; health changes and operator commands give a new table ({@link #withWeight},
 * {@link #withoutRealServer}).
 *
 * <p>{@link #from(Configuration, ServerHealthView)} follows Piranha's rules: inactive virtual and
 * real servers are left out; a server that fails its checks is removed, or kept at weight 0 when
 * the virtual server has {@code quiesce_server = 1} (or the server block its own {@code quiesce_server},
 * which wins); the {@code sorry_server} joins only while no
 * real server of the service is up. Virtual servers that share a firewall mark (Piranha's way of
 * making one persistent service over several ports) become one kernel service whose real servers
 * are the union; a server down in any of them counts as down.
 *
 * @param services by key, in configuration order; unmodifiable
 */
public record DesiredTable(Map<ServiceKey, TableService> services) {
    public DesiredTable {
        Map<ServiceKey, TableService> copy = new LinkedHashMap<>();
        services.forEach((k, v) -> {
            if (!k.equals(v.key())) {
                throw new IllegalArgumentException("service " + v.key() + " filed under " + k);
            }
            copy.put(k, v);
        });
        services = Collections.unmodifiableMap(copy);
    }

    public static DesiredTable empty() {
        return new DesiredTable(Map.of());
    }

    /** A table of these services in this order; two with the same key are an error. */
    public static DesiredTable of(Collection<TableService> services) {
        Map<ServiceKey, TableService> map = new LinkedHashMap<>();
        for (TableService s : services) {
            if (map.putIfAbsent(s.key(), s) != null) {
                throw new IllegalArgumentException("service " + s.key() + " is listed twice");
            }
        }
        return new DesiredTable(map);
    }

    /** The table the configuration asks for with every real server up. */
    public static DesiredTable from(Configuration config) {
        return from(config, ServerHealthView.ALL_UP);
    }

    /** The table the configuration asks for, given which real servers are up. */
    public static DesiredTable from(Configuration config, ServerHealthView health) {
        ClusterSettings cluster = config.cluster();
        Map<ServiceKey, TableService> table = new LinkedHashMap<>();
        groups(config).forEach((key, group) -> table.put(key, service(cluster, group, health)));
        return new DesiredTable(table);
    }

    /**
     * The active virtual servers of {@code config} by kernel service, in configuration order: one
     * each, or several that share a firewall mark. Each group becomes one service of the table.
     */
    public static Map<ServiceKey, List<VirtualServerConfig>> groups(Configuration config) {
        Map<ServiceKey, List<VirtualServerConfig>> groups = new LinkedHashMap<>();
        for (VirtualServerConfig v : config.activeVirtualServers()) {
            groups.computeIfAbsent(v.serviceKey(), k -> new ArrayList<>()).add(v);
        }
        return groups;
    }

    /**
     * The one service a group of {@link #groups} asks for, given which real servers are up: what
     * {@link #from(Configuration, ServerHealthView)} holds for that key.
     */
    public static TableService service(ClusterSettings cluster, List<VirtualServerConfig> group,
            ServerHealthView health) {
        return service(cluster, group, health, false);
    }

    /**
     * As {@link #service(ClusterSettings, List, ServerHealthView)}, with the service's quorum
     * ({@code check_quorum}) lost or not: while it is lost and there is a {@code sorry_server}, the sorry
     * server takes the traffic and the servers still up leave (or stay at weight 0 with
     * {@code quiesce_server}), as keepalived does; without a sorry server a lost quorum changes nothing here.
     */
    public static TableService service(ClusterSettings cluster, List<VirtualServerConfig> group,
            ServerHealthView health, boolean quorumLost) {
        VirtualServerConfig first = group.get(0);
        VirtualService.Builder vs = VirtualService.builder(first.serviceKey()).scheduler(first.scheduler())
                .schedulerFlags(first.options().schedulerFlags()).onePacket(first.options().onePacket());
        first.persistent().ifPresent(t -> vs.persistence(new Persistence(t, first.persistenceNetmaskPrefix())));
        ForwardingMethod forwarding = first.networkMode(cluster).forwarding();

        Map<RealServerAddress, RealServer> servers = new LinkedHashMap<>();
        Map<RealServerAddress, Boolean> up = new LinkedHashMap<>();
        Map<RealServerAddress, Boolean> quiesce = new LinkedHashMap<>();
        for (VirtualServerConfig v : group) {
            for (RealServerConfig s : v.realServers()) {
                if (!s.active()) {
                    continue;
                }
                RealServer rs = realServer(first, s.address(), v.realServerPort(s), forwarding)
                        .weight(s.weight()).upperThreshold(s.upperThreshold()).lowerThreshold(s.lowerThreshold())
                        .build();
                servers.putIfAbsent(rs.key(), rs);
                up.merge(rs.key(), health.isUp(v, s), Boolean::logicalAnd);
                quiesce.merge(rs.key(), s.quiescesIn(v), Boolean::logicalOr);
            }
        }
        List<RealServer> result = new ArrayList<>();
        Optional<RealServerConfig> sorry = group.stream().flatMap(v -> v.sorryServer().stream()).findFirst();
        boolean anyUp = up.values().stream().anyMatch(b -> b);
        boolean sorryServes = sorry.isPresent() && (!anyUp || quorumLost);
        servers.forEach((key, rs) -> {
            if (up.get(key) && !sorryServes) {
                result.add(rs);
            } else if (quiesce.get(key)) {
                result.add(rs.withWeight(0));
            }
        });
        if (sorryServes) {
            RealServerConfig s = sorry.get();
            RealServer rs = realServer(first, s.address(), first.realServerPort(s), forwarding).weight(1).build();
            if (result.stream().noneMatch(r -> r.key().equals(rs.key()))) {
                result.add(rs);
            }
        }
        return TableService.of(vs.build(), result);
    }

    /** A real server of {@code v} forwarded by {@code forwarding}, with the service's tunnel options when tunnelled. */
    private static RealServer.Builder realServer(VirtualServerConfig v, InetAddress address, int port,
            ForwardingMethod forwarding) {
        RealServer.Builder b = RealServer.builder(address, port).forwarding(forwarding);
        if (forwarding == ForwardingMethod.TUNNEL) {
            v.options().tunnel().ifPresent(b::tunnel);
        }
        return b;
    }

    public Optional<TableService> service(ServiceKey key) {
        return Optional.ofNullable(services.get(key));
    }

    /** The real server's desired settings, if the table holds it. */
    public Optional<RealServer> realServer(ServiceKey service, RealServerAddress server) {
        return service(service).flatMap(s -> s.realServer(server));
    }

    /** This table with one real server at another weight (drain, set weight, slow start). */
    public DesiredTable withWeight(ServiceKey service, RealServerAddress server, int weight) {
        RealServer current = realServer(service, server).orElseThrow(() -> new IllegalArgumentException(
                "no real server " + server + " in service " + service));
        return withRealServer(service, current.withWeight(weight));
    }

    /** This table with one real server added or replaced. */
    public DesiredTable withRealServer(ServiceKey service, RealServer server) {
        TableService s = service(service).orElseThrow(() -> new IllegalArgumentException("no service " + service));
        Map<RealServerAddress, RealServer> servers = new LinkedHashMap<>(s.realServers());
        servers.put(server.key(), server);
        return replace(new TableService(s.service(), servers));
    }

    /** This table without one real server (taken out of service). */
    public DesiredTable withoutRealServer(ServiceKey service, RealServerAddress server) {
        TableService s = service(service).orElseThrow(() -> new IllegalArgumentException("no service " + service));
        Map<RealServerAddress, RealServer> servers = new LinkedHashMap<>(s.realServers());
        servers.remove(server);
        return replace(new TableService(s.service(), servers));
    }

    private DesiredTable replace(TableService service) {
        Map<ServiceKey, TableService> map = new LinkedHashMap<>(services);
        map.put(service.key(), service);
        return new DesiredTable(map);
    }

    /** How many real servers the table holds over all services. */
    public int realServerCount() {
        return services.values().stream().mapToInt(s -> s.realServers().size()).sum();
    }
}
