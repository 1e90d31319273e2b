package io.jlvs.config.internal;

import io.jlvs.config.ClusterSettings;
import io.jlvs.config.Configuration;
import io.jlvs.config.HealthCheckConfig;
import io.jlvs.config.InterfaceAddress;
import io.jlvs.config.RealServerConfig;
import io.jlvs.config.RoleScripts;
import io.jlvs.config.ServiceOptions;
import io.jlvs.config.VirtualServerConfig;
import io.jlvs.ipvs.AddressFamily;
import io.jlvs.ipvs.SchedulerFlag;
import java.util.Map;
import java.util.Set;

/**
 * Writes a configuration as lvs.cf, in Piranha's layout (global keys, then virtual blocks with
 * five-space indentation). Every setting is written, defaults included, so the file says
 * everything; reading it back gives an equal configuration (line numbers aside).
 */
public final class LvsCfWriter {
    private static final String IN = "     ";
    private static final String IN2 = IN + "    ";
    private static final Set<String> TYPED_CHECK_KEYS =
            Set.of("send", "expect", "use_regex", "send_program", "timeout", "reentry");

    private LvsCfWriter() {}

    private static void scripts(StringBuilder out, RoleScripts s) {
        s.commands().forEach((key, command) -> kv(out, "", key, quote(command)));
        RoleScripts d = RoleScripts.none();
        if (!s.notifyTimeout().equals(d.notifyTimeout())) {
            kv(out, "", "notify_timeout", Values.describe(s.notifyTimeout()));
        }
        if (s.trackScript().isPresent()) {
            kv(out, "", "track_script_interval", Values.describe(s.trackInterval()));
            kv(out, "", "track_script_timeout", Values.describe(s.trackTimeout()));
            kv(out, "", "track_script_fall", Integer.toString(s.trackFall()));
            kv(out, "", "track_script_rise", Integer.toString(s.trackRise()));
        }
    }

    public static String write(Configuration config) {
        StringBuilder out = new StringBuilder();
        ClusterSettings c = config.cluster();
        kv(out, "", "serial_no", Long.toString(c.serialNo()));
        c.primary().ifPresent(a -> kv(out, "", "primary", Values.addressText(a)));
        c.primaryPrivate().ifPresent(a -> kv(out, "", "primary_private", Values.addressText(a)));
        kv(out, "", "service", c.service());
        kv(out, "", "backup_active", bool(c.backupActive()));
        c.backup().ifPresent(a -> kv(out, "", "backup", Values.addressText(a)));
        c.backupPrivate().ifPresent(a -> kv(out, "", "backup_private", Values.addressText(a)));
        kv(out, "", "heartbeat", bool(c.heartbeat()));
        kv(out, "", "heartbeat_port", Integer.toString(c.heartbeatPort()));
        kv(out, "", "keepalive", Values.describe(c.keepalive()));
        kv(out, "", "deadtime", Values.describe(c.deadtime()));
        kv(out, "", "network", c.network().configName());
        c.natRouter().ifPresent(r -> {
            kv(out, "", "nat_router", interfaceAddress(r));
            kv(out, "", "nat_nmask", Values.netmaskText(c.natNetmaskPrefix(),
                    AddressFamily.of(r.address()) == AddressFamily.INET));
        });
        kv(out, "", "debug_level", c.debugLevel());
        kv(out, "", "monitor_links", bool(c.monitorLinks()));
        kv(out, "", "syncdaemon", bool(c.syncDaemon()));
        c.syncdInterface().ifPresent(i -> kv(out, "", "syncd_iface", i));
        kv(out, "", "syncd_id", Integer.toString(c.syncdId()));
        c.heartbeatKeyFile().ifPresent(p -> kv(out, "", "heartbeat_key_file", quote(p.toString())));
        if (c.heartbeatInsecure()) {
            // Only when set: an operator's explicit choice, never a line a rewrite adds by itself.
            kv(out, "", "heartbeat_insecure", bool(true));
        }
        kv(out, "", "priority", Integer.toString(c.priority()));
        kv(out, "", "preempt", bool(c.preempt()));
        kv(out, "", "failback_delay", Values.describe(c.failbackDelay()));
        c.checkScriptUser().ifPresent(u -> kv(out, "", "check_script_user", quote(u)));
        scripts(out, c.scripts());
        if (c.manageWholeTable()) {
            kv(out, "", "manage_whole_table", bool(true));
        }
        for (VirtualServerConfig v : config.virtualServers()) {
            virtual(out, v);
        }
        return out.toString();
    }

    private static void virtual(StringBuilder out, VirtualServerConfig v) {
        boolean ipv4 = v.family() == AddressFamily.INET;
        out.append("virtual ").append(v.name()).append(" {\n");
        kv(out, IN, "active", bool(v.active()));
        kv(out, IN, "address", interfaceAddress(v.address()));
        kv(out, IN, "vip_nmask", Values.netmaskText(v.vipNetmaskPrefix(), ipv4));
        if (v.port() != 0) {
            kv(out, IN, "port", Integer.toString(v.port()));
        }
        kv(out, IN, "protocol", v.protocol().name().toLowerCase(java.util.Locale.ROOT));
        if (v.fwmark() != 0) {
            kv(out, IN, "fwmark", Long.toString(v.fwmark()));
        }
        v.persistent().ifPresent(p -> kv(out, IN, "persistent", Long.toString(p.toSeconds())));
        kv(out, IN, "pmask", Values.netmaskText(v.persistenceNetmaskPrefix(), ipv4));
        kv(out, IN, "scheduler", v.scheduler().name());
        // The scheduling options only when set: most services have none, and their absence is their default.
        ServiceOptions o = v.options();
        if (!o.schedulerFlags().isEmpty()) {
            kv(out, IN, "scheduler_flags", String.join(" ",
                    o.schedulerFlags().stream().map(SchedulerFlag::ipvsadmName).toList()));
        }
        if (o.onePacket()) {
            kv(out, IN, "one_packet", bool(true));
        }
        o.tunnel().ifPresent(t -> {
            kv(out, IN, "tunnel_type", t.type().name().toLowerCase(java.util.Locale.ROOT));
            if (t.port() != 0) {
                kv(out, IN, "tunnel_port", Integer.toString(t.port()));
            }
            kv(out, IN, "tunnel_checksum", t.flags().isEmpty() ? "none"
                    : t.flags().iterator().next().name().toLowerCase(java.util.Locale.ROOT));
        });
        HealthCheckConfig h = v.health();
        h.send().ifPresent(s -> kv(out, IN, "send", quote(s)));
        h.expect().ifPresent(s -> kv(out, IN, "expect", quote(s)));
        kv(out, IN, "use_regex", bool(h.useRegex()));
        h.sendProgram().ifPresent(s -> kv(out, IN, "send_program", quote(s)));
        kv(out, IN, "load_monitor", h.loadMonitor());
        kv(out, IN, "timeout", Values.describe(h.timeout()));
        kv(out, IN, "reentry", Values.describe(h.reentry()));
        kv(out, IN, "quiesce_server", bool(v.quiesceServer()));
        v.sorryServer().ifPresent(s -> kv(out, IN, "sorry_server",
                Values.addressText(s.address()) + (s.port() == 0 ? "" : " " + s.port())));
        v.forward().ifPresent(f -> kv(out, IN, "forward", f.configName()));
        kv(out, IN, "slow_start", Values.describe(v.slowStart()));
        kv(out, IN, "rise", Integer.toString(h.rise()));
        kv(out, IN, "fall", Integer.toString(h.fall()));
        for (Map.Entry<String, String> e : h.settings().entrySet()) {
            if (!TYPED_CHECK_KEYS.contains(e.getKey())) {
                kv(out, IN, e.getKey(), quote(e.getValue()));
            }
        }
        for (RealServerConfig s : v.realServers()) {
            out.append(IN).append("server ").append(s.name()).append(" {\n");
            kv(out, IN2, "address", Values.addressText(s.address()));
            if (s.port() != 0) {
                kv(out, IN2, "port", Integer.toString(s.port()));
            }
            kv(out, IN2, "active", bool(s.active()));
            kv(out, IN2, "weight", Integer.toString(s.weight()));
            if (s.upperThreshold() != 0) {
                kv(out, IN2, "u_threshold", Integer.toString(s.upperThreshold()));
            }
            if (s.lowerThreshold() != 0) {
                kv(out, IN2, "l_threshold", Integer.toString(s.lowerThreshold()));
            }
            s.quiesceServer().ifPresent(q -> kv(out, IN2, "quiesce_server", bool(q)));
            s.checkSettings().forEach((k, val) -> kv(out, IN2, k, quote(val)));
            out.append(IN).append("}\n");
        }
        out.append("}\n");
    }

    private static void kv(StringBuilder out, String indent, String key, String value) {
        out.append(indent).append(key).append(" = ").append(value).append('\n');
    }

    private static String bool(boolean b) {
        return b ? "1" : "0";
    }

    private static String interfaceAddress(InterfaceAddress a) {
        return Values.addressText(a.address()) + a.device().map(d -> " " + d).orElse("");
    }

    /**
     * In quotes, as the reader takes it back: '"' becomes \", and a backslash becomes \\ where the
     * reader would otherwise take it as an escape (before '"' or '\\', or at the end); other
     * backslashes stay single so that "GET / HTTP/1.0\r\n" stays readable.
     */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                out.append("\\\"");
            } else if (c == '\\' && (i + 1 == s.length() || s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\\')) {
                out.append("\\\\");
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
