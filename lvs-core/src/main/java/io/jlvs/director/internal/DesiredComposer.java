package io.jlvs.director.internal;

import io.jlvs.config.Configuration;
import io.jlvs.config.RealServerConfig;
import io.jlvs.config.VirtualServerConfig;
import io.jlvs.config.ClusterSettings;
import io.jlvs.director.DesiredTable;
import io.jlvs.director.TableService;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerAddress;
import io.jlvs.ipvs.ServiceKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The table the kernel should hold right now: the configuration's table with the health verdicts
 * ({@link DesiredTable#from}: Piranha's removal, quiesce and sorry-server rules), then the operator's
 * overrides and the weights checks asked for, and nothing at all when the role does not program
 * services. Pure.
 *
 * <p>An override never sends traffic to a failed server: a weight (operator's or a check's) applies
 * only to a server that is not down.
 */
public final class DesiredComposer {
    private DesiredComposer() {
    }

    public static DesiredTable compose(Configuration config, HealthOverlay health, AdminOverrides admin, Role role) {
        if (!programs(config, role)) {
            return DesiredTable.empty();
        }
        Map<ServiceKey, TableService> table = new LinkedHashMap<>();
        DesiredTable.groups(config).forEach((key, group) -> table.put(key, service(config.cluster(), group, health, admin)));
        return new DesiredTable(table);
    }

    /**
     * What {@link #compose} gives for the services {@code keys} alone, each present or empty (the table
     * must not hold it): the cost of a health verdict or an operator command is then that of its
     * service, not of the whole table. {@code groups} is {@link DesiredTable#groups} of {@code config}.
     */
    public static Map<ServiceKey, Optional<TableService>> compose(Configuration config,
            Map<ServiceKey, List<VirtualServerConfig>> groups, Set<ServiceKey> keys, HealthOverlay health,
            AdminOverrides admin, Role role) {
        boolean programs = programs(config, role);
        Map<ServiceKey, Optional<TableService>> out = new LinkedHashMap<>();
        for (ServiceKey key : keys) {
            List<VirtualServerConfig> group = groups.get(key);
            out.put(key, programs && group != null
                    ? Optional.of(service(config.cluster(), group, health, admin))
                    : Optional.empty());
        }
        return out;
    }

    /** Whether the service is configured with a quorum now (a reload may have dropped it). */
    public static boolean hasQuorum(VirtualServerConfig first) {
        return io.jlvs.config.LvsCfChecks.hasQuorum(first.health().settings());
    }

    private static boolean programs(Configuration config, Role role) {
        return role.programs(config.cluster().backupActive());
    }

    /** One service: the configuration's rules with the health verdicts, then the overrides on it. */
    private static TableService service(ClusterSettings cluster, List<VirtualServerConfig> group,
            HealthOverlay health, AdminOverrides admin) {
        VirtualServerConfig first = group.get(0);
        boolean quorumLost = health.quorumLost(first.serviceKey()) && hasQuorum(first);
        TableService base = DesiredTable.service(cluster, group,
                (v, s) -> !health.get(ServerRef.of(v, s)).isDown() && !admin.get(ServerRef.of(v, s)).disabled(),
                quorumLost);
        // While the sorry server stands in for a lost quorum, no weight brings a server back.
        boolean sorryServes = quorumLost && group.stream().anyMatch(v -> v.sorryServer().isPresent());
        Map<RealServerAddress, RealServer> servers = null; // copied at the first override
        for (VirtualServerConfig v : group) {
            for (RealServerConfig s : v.realServers()) {
                ServerRef ref = ServerRef.of(v, s);
                RealServer current = (servers == null ? base.realServers() : servers).get(ref.server());
                if (current == null) {
                    continue;
                }
                AdminOverrides.Override o = admin.get(ref);
                HealthState h = health.get(ref);
                if (o.disabled()) {
                    servers = servers == null ? new LinkedHashMap<>(base.realServers()) : servers;
                    servers.remove(ref.server());
                } else if (!sorryServes && !h.isDown() && (o.weight().isPresent() || h.weight().isPresent())) {
                    servers = servers == null ? new LinkedHashMap<>(base.realServers()) : servers;
                    servers.put(ref.server(), current.withWeight(o.weight().orElse(h.weight().orElse(s.weight()))));
                }
            }
        }
        return servers == null ? base : new TableService(base.service(), servers);
    }
}
