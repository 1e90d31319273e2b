package io.jlvs.config.internal;

import io.jlvs.config.ClusterSettings;
import io.jlvs.config.NetworkMode;
import io.jlvs.config.RealServerConfig;
import io.jlvs.config.VirtualServerConfig;
import io.jlvs.ipvs.AddressFamily;
import io.jlvs.ipvs.RealServerAddress;
import io.jlvs.ipvs.ServiceKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that need the whole file: unique virtual names, no two active virtual servers on the same
 * kernel service (a firewall mark may be shared, as Piranha allows for one persistent service over
 * several ports, but only with the same scheduling), and the global settings NAT and failover need.
 * Also the per-block checks that need more than the binder has (the health check builds, unique
 * real servers, address families under the forwarding method); a block reused from an earlier parse
 * passed those then, under the same {@code network} ({@link ParseMemory}), so they are skipped for it.
 */
public final class ConfigValidator {
    private final Problems problems;
    private final RawBlock root;

    public ConfigValidator(Problems problems, RawBlock root) {
        this.problems = problems;
        this.root = root;
    }

    public void validate(LvsCfBinder.Global global, List<BoundVirtual> virtuals) {
        ClusterSettings cluster = global.settings();
        Map<String, RawEntry> g = global.entries();
        if (cluster.backupActive() && cluster.backup().isEmpty()) {
            problems.error(line(g, "backup_active"), "backup", "is required when backup_active = 1");
        }
        if (cluster.deadtime().compareTo(cluster.keepalive()) <= 0) {
            problems.error(line(g, "deadtime"), "deadtime", "must be longer than keepalive ("
                    + Values.describe(cluster.deadtime()) + " <= " + Values.describe(cluster.keepalive()) + ")");
        }
        Map<String, RawBlock> names = new HashMap<>();
        for (RawBlock block : root.children()) {
            RawBlock earlier = names.putIfAbsent(block.name(), block);
            if (earlier != null) {
                problems.error(block.line(), "virtual", "name '" + block.name() + "' is used twice (first on line "
                        + earlier.line() + ")");
            }
        }
        Map<ServiceKey, VirtualServerConfig> byKey = new HashMap<>();
        for (BoundVirtual b : virtuals) {
            if (!b.reused()) {
                checkHealth(b);
            }
        }
        for (BoundVirtual b : virtuals) {
            VirtualServerConfig v = b.config();
            NetworkMode mode = v.networkMode(cluster);
            if (v.active() && mode == NetworkMode.NAT && cluster.natRouter().isEmpty()) {
                problems.error(line(g, "network", b, "forward"), "nat_router",
                        "is required for NAT (virtual " + v.name() + " uses network = nat)");
            }
            if (!b.reused()) {
                checkServers(b, mode);
            }
            if (v.options().tunnel().isPresent() && mode != NetworkMode.TUNNEL) {
                problems.error(b.keyLine("tunnel_type"), "tunnel_type", "has no effect: virtual " + v.name()
                        + " forwards by " + mode.configName() + ", not tunnel (set forward = tunnel or network = tunnel)");
            }
            if (!v.active()) {
                continue;
            }
            VirtualServerConfig other = byKey.putIfAbsent(v.serviceKey(), v);
            if (other == null) {
                continue;
            }
            if (v.fwmark() == 0) {
                problems.error(b.keyLine("address"), "address", "virtual " + v.name() + " is the same service ("
                        + v.serviceKey() + ") as virtual " + other.name() + " (line " + other.line() + ")");
            } else if (!sameScheduling(v, other, cluster)) {
                problems.error(b.keyLine("fwmark"), "fwmark", "fwmark " + v.fwmark() + " is shared with virtual "
                        + other.name() + " (line " + other.line() + "), so scheduler, scheduler_flags, one_packet, "
                        + "persistent, pmask, forward and the tunnel keys must be the same in both");
            }
        }
    }

    private void checkServers(BoundVirtual b, NetworkMode mode) {
        VirtualServerConfig v = b.config();
        AddressFamily family = v.family();
        Map<RealServerAddress, RealServerConfig> seen = new HashMap<>();
        for (RealServerConfig s : v.realServers()) {
            if (!LvsCfBinder.familiesCompatible(family, AddressFamily.of(s.address()), mode.forwarding())) {
                problems.error(serverLine(b, s), "address", "server " + s.name() + " is "
                        + Values.familyName(AddressFamily.of(s.address())) + " but virtual " + v.name() + " is "
                        + Values.familyName(family) + "; mixing families needs forward = tunnel");
            }
            RealServerAddress key = new RealServerAddress(s.address(), v.realServerPort(s));
            RealServerConfig earlier = seen.putIfAbsent(key, s);
            if (earlier != null) {
                problems.error(serverLine(b, s), "address", "server " + s.name() + " is the same real server (" + key
                        + ") as server " + earlier.name() + " (line " + earlier.line() + ")");
            }
        }
        v.sorryServer().ifPresent(s -> {
            if (!LvsCfBinder.familiesCompatible(family, AddressFamily.of(s.address()), mode.forwarding())) {
                problems.error(s.line(), "sorry_server", "is " + Values.familyName(AddressFamily.of(s.address()))
                        + " but virtual " + v.name() + " is " + Values.familyName(family));
            }
        });
    }

    private static boolean sameScheduling(VirtualServerConfig a, VirtualServerConfig b, ClusterSettings cluster) {
        return a.scheduler().equals(b.scheduler()) && a.persistent().equals(b.persistent())
                && a.persistenceNetmaskPrefix() == b.persistenceNetmaskPrefix()
                && a.networkMode(cluster) == b.networkMode(cluster)
                && a.options().equals(b.options())
                && a.family() == b.family();
    }

    /**
     * The health check must build now, so a bad check key never reaches the kernel: the virtual's, and
     * each server's that has check keys of its own (the others share the virtual's).
     */
    private void checkHealth(BoundVirtual b) {
        VirtualServerConfig v = b.config();
        try {
            io.jlvs.config.LvsCfChecks.check(v);
        } catch (io.jlvs.health.InvalidHealthCheckException e) {
            String key = io.jlvs.config.LvsCfChecks.lvsCfKey(v, e.setting());
            problems.error(entryLine(b, key), key, e.getMessage());
            return;
        }
        for (RealServerConfig s : v.realServers()) {
            if (s.checkSettings().isEmpty()) {
                continue;
            }
            try {
                io.jlvs.config.LvsCfChecks.check(v, s);
            } catch (io.jlvs.health.InvalidHealthCheckException e) {
                String key = s.checkSettings().containsKey("check_" + e.setting()) ? "check_" + e.setting() : e.setting();
                problems.error(serverEntryLine(b, s, key), key, "server " + s.name() + ": " + e.getMessage());
            }
        }
    }

    /** The line of {@code key} in server {@code s}'s block, else of the server block, else the virtual's key. */
    private static int serverEntryLine(BoundVirtual b, RealServerConfig s, String key) {
        for (RawBlock child : b.block().children()) {
            if (child.line() == s.line()) {
                return child.entries().stream().filter(e -> e.key().equals(key)).reduce((x, y) -> y)
                        .map(RawEntry::line).orElse(s.line());
            }
        }
        return entryLine(b, key);
    }

    private int line(Map<String, RawEntry> global, String key) {
        RawEntry e = global.get(key);
        return e == null ? 0 : e.line();
    }

    private int line(Map<String, RawEntry> global, String key, BoundVirtual b, String virtualKey) {
        if (b.config().forward().isPresent()) {
            return b.keyLine(virtualKey);
        }
        int l = line(global, key);
        return l == 0 ? b.config().line() : l;
    }

    /** The line of the last {@code key} entry of a block read entry by entry, else its first line. */
    private static int entryLine(BoundVirtual b, String key) {
        // A missing checkN_type: the line where that check's keys begin.
        String set = key.matches("check[2-9]_.+") ? key.substring(0, 7) : null;
        return b.block().entries().stream().filter(e -> e.key().equals(key)).reduce((x, y) -> y)
                .or(() -> b.block().entries().stream().filter(e -> set != null && e.key().startsWith(set)).findFirst())
                .map(RawEntry::line).orElse(b.config().line());
    }

    private static int serverLine(BoundVirtual b, RealServerConfig s) {
        for (RawBlock child : b.block().children()) {
            if (child.line() == s.line()) {
                return child.entries().stream().filter(e -> e.key().equals("address"))
                        .reduce((x, y) -> y).map(RawEntry::line).orElse(s.line());
            }
        }
        return s.line();
    }
}
