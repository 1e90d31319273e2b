package io.jlvs.director.internal;

import io.jlvs.ipvs.RealServer;
import java.util.ArrayList;
import java.util.List;

/**
 * Composes the table the kernel should hold from the configuration, the health overlay, the
 * operator's overrides and the role. Pure: the same inputs always give the same table.
 *
 * <p>Rules (Piranha's nanny and pulse, kept): nothing unless the role programs services; a service
 * or server with {@code active = 0} is left out; a failed server is removed, or kept with weight 0
 * when the service says {@code quiesce_server = 1}; the sorry server is added only while no real
 * server of its service is up. A weight set by the operator wins over one a check asked for, which
 * wins over the configured weight.
 */
public final class DesiredTableComposer {
    private DesiredTableComposer() {
    }

    public static List<DesiredService> compose(
            DirectorConfig config, HealthOverlay health, AdminOverrides admin, Role role) {
        if (!role.programs(config.backupActive())) {
            return List.of();
        }
        List<DesiredService> out = new ArrayList<>();
        for (ServiceSpec spec : config.services()) {
            if (!spec.active()) {
                continue;
            }
            List<RealServer> servers = new ArrayList<>();
            boolean anyUp = false;
            for (ServerSpec s : spec.servers()) {
                if (!s.active()) {
                    continue;
                }
                ServerRef ref = new ServerRef(spec.key(), s.server().key());
                AdminOverrides.Override o = admin.get(ref);
                if (o.disabled()) {
                    continue;
                }
                HealthState h = health.get(ref);
                int weight = o.weight().orElse(h.weight().orElse(s.server().weight()));
                if (h.isDown()) {
                    if (spec.quiesce()) {
                        servers.add(s.server().withWeight(0));
                    }
                    continue;
                }
                anyUp = true;
                servers.add(s.server().withWeight(weight));
            }
            if (!anyUp && spec.sorryServer().isPresent()) {
                RealServer sorry = spec.sorryServer().get();
                servers.removeIf(r -> r.key().equals(sorry.key()));
                servers.add(sorry);
            }
            out.add(new DesiredService(spec.service(), servers));
        }
        return out;
    }
}
