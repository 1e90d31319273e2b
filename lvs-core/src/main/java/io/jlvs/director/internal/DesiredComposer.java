package io.jlvs.director.internal;

import io.jlvs.config.Configuration;
import io.jlvs.config.RealServerConfig;
import io.jlvs.config.VirtualServerConfig;
import io.jlvs.director.DesiredTable;

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
        if (!role.programs(config.cluster().backupActive())) {
            return DesiredTable.empty();
        }
        DesiredTable table = DesiredTable.from(config,
                (v, s) -> !health.get(ServerRef.of(v, s)).isDown() && !admin.get(ServerRef.of(v, s)).disabled());
        for (VirtualServerConfig v : config.activeVirtualServers()) {
            for (RealServerConfig s : v.realServers()) {
                ServerRef ref = ServerRef.of(v, s);
                if (table.realServer(ref.service(), ref.server()).isEmpty()) {
                    continue;
                }
                AdminOverrides.Override o = admin.get(ref);
                HealthState h = health.get(ref);
                if (o.disabled()) {
                    table = table.withoutRealServer(ref.service(), ref.server());
                } else if (!h.isDown() && (o.weight().isPresent() || h.weight().isPresent())) {
                    table = table.withWeight(ref.service(), ref.server(), o.weight().orElse(h.weight().orElse(s.weight())));
                }
            }
        }
        return table;
    }
}
