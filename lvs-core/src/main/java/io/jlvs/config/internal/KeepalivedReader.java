package io.jlvs.config.internal;

import io.jlvs.config.NetworkMode;
import io.jlvs.config.RealServerConfig;
import io.jlvs.config.internal.KeepalivedSyntax.Node;
import io.jlvs.ipvs.SchedulerFlag;
import io.jlvs.ipvs.TunnelFlag;
import io.jlvs.ipvs.TunnelOptions;
import io.jlvs.ipvs.TunnelType;
import io.jlvs.ipvs.Protocol;
import io.jlvs.ipvs.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code virtual_server} sections of a keepalived.conf (keepalived.conf(5)). Every key
 * this importer does not carry over is reported as a warning with its name and line; keepalived's
 * checkers become check keys ({@link KeepalivedChecks}). A {@code virtual_server group NAME} becomes one virtual block per member of
 * its {@code virtual_server_group} ({@link KeepalivedGroup}).
 */
public final class KeepalivedReader {
    private final Problems problems;
    private final KeepalivedChecks checks;

    public KeepalivedReader(Problems problems) {
        this.problems = problems;
        this.checks = new KeepalivedChecks(problems);
    }

    public ImportDraft.Imported read(String text) {
        List<ImportDraft> drafts = new ArrayList<>();
        Map<String, ImportDraft> seen = new LinkedHashMap<>();
        java.util.Optional<String> scriptUser = java.util.Optional.empty();
        List<Node> nodes = new KeepalivedSyntax(problems).parse(text);
        Map<String, Node> groups = new LinkedHashMap<>();
        for (Node node : nodes) {
            if (node.name().equals("track_file") || node.name().equals("vrrp_track_file")) {
                checks.trackFile(node);
            }
            if (node.name().equals("virtual_server_group")) {
                if (!node.isBlock() || node.args().size() != 1) {
                    problems.error(node.line(), node.name(), "expected 'virtual_server_group NAME { ... }'");
                } else if (groups.putIfAbsent(node.args().get(0), node) != null) {
                    problems.error(node.line(), node.name(), "group " + node.args().get(0) + " is defined twice");
                }
            }
        }
        for (Node node : nodes) {
            if (node.name().equals("global_defs") && node.isBlock()) {
                scriptUser = globalDefs(node);
                continue;
            }
            if (node.name().equals("virtual_server_group") || node.name().equals("track_file")
                    || node.name().equals("vrrp_track_file")) {
                continue; // read where a virtual_server or a FILE_CHECK names it
            }
            if (!node.name().equals("virtual_server")) {
                problems.warning(node.line(), node.name(), "only virtual_server sections are imported; skipped");
                continue;
            }
            try {
                for (ImportDraft d : virtualServers(node, groups)) {
                    String key = d.name();
                    if (seen.putIfAbsent(key, d) != null) {
                        problems.error(d.line, "virtual_server", "the same service (" + key + ") as on line "
                                + seen.get(key).line);
                    } else {
                        drafts.add(d);
                    }
                }
            } catch (IllegalArgumentException e) {
                problems.error(node.line(), "virtual_server", e.getMessage());
            }
        }
        checks.reportUnusedTrackFiles();
        return ImportDraft.buildAll(drafts, problems).withScriptUser(scriptUser);
    }

    /**
     * {@code global_defs}: {@code script_user} becomes {@code check_script_user};
     * {@code enable_script_security} is what jLVS always does; every other key is reported.
     */
    private java.util.Optional<String> globalDefs(Node node) {
        java.util.Optional<String> user = java.util.Optional.empty();
        for (Node n : node.children()) {
            switch (n.name()) {
                case "script_user" -> {
                    try {
                        if (n.args().isEmpty() || n.args().size() > 2) {
                            throw new IllegalArgumentException("takes a user and optionally a group");
                        }
                        user = java.util.Optional.of(LvsCfKeys.scriptUser(String.join(" ", n.args())));
                    } catch (IllegalArgumentException e) {
                        problems.error(n.line(), n.name(), e.getMessage());
                    }
                }
                case "enable_script_security" -> {
                    // jLVS judges every program it would run as root this way, always (docs/lvs.cf.md).
                }
                default -> unsupported(n);
            }
        }
        return user;
    }

    /** One virtual_server section: one draft, or one per member of the group it names. */
    private List<ImportDraft> virtualServers(Node node, Map<String, Node> groups) {
        List<String> a = node.args();
        if (a.size() != 2 || !a.get(0).equals("group")) {
            return List.of(virtualServer(node));
        }
        Node group = groups.get(a.get(1));
        if (group == null) {
            throw new IllegalArgumentException("names virtual_server_group " + a.get(1) + ", which is not defined");
        }
        ImportDraft template = virtualServer(node);
        List<ImportDraft> drafts = new ArrayList<>();
        for (KeepalivedGroup.Member m : KeepalivedGroup.members(group, problems)) {
            drafts.add(template.copyFor(m.address(), m.port(), m.fwmark(), m.fwmarkFamily(), m.line()));
        }
        return drafts;
    }

    private ImportDraft virtualServer(Node node) {
        ImportDraft d = new ImportDraft(node.line());
        List<String> a = node.args();
        if (a.size() == 2 && a.get(0).equals("fwmark")) {
            d.fwmark = Values.integer(a.get(1), 1L, 0xFFFF_FFFFL);
        } else if (a.size() == 2 && a.get(0).equals("group")) {
            // a template: the group's members give each copy its service (virtualServers)
        } else if (a.size() == 1) {
            d.address = Values.address(a.get(0)); // keepalived: the port may be left out of a persistent service
        } else if (a.size() == 2) {
            d.address = Values.address(a.get(0));
            d.port = Values.integer(a.get(1), 1, 65535);
        } else {
            throw new IllegalArgumentException("expected 'virtual_server IP PORT' or 'virtual_server fwmark N', got "
                    + String.join(" ", a));
        }
        if (!node.isBlock()) {
            throw new IllegalArgumentException("has no { ... } block");
        }
        List<Map<String, String>> virtualChecks = null;   // the first real server's checkers: the virtual's
        int firstCheckLine = 0;
        for (Node n : node.children()) {
            try {
                switch (n.name()) {
                    case "delay_loop" -> d.check.put("check_interval", one(n));
                    case "lb_algo", "lvs_sched" -> d.scheduler = Scheduler.of(one(n).toLowerCase(Locale.ROOT));
                    case "lb_kind", "lvs_method" -> method(d, n);
                    case "flag-1", "flag-2", "flag-3", "sh-port", "sh-fallback", "mh-port", "mh-fallback" ->
                            d.schedulerFlags.add(SchedulerFlag.fromIpvsadmName(n.name()));
                    case "ops" -> d.onePacket = true;
                    case "alpha" -> d.check.put("check_alpha", "1");
                    case "quorum" -> d.check.put("check_quorum", one(n));
                    case "hysteresis" -> d.check.put("check_hysteresis", one(n));
                    case "omega" -> d.check.put("check_omega", "1");
                    case "quorum_up", "quorum_down" -> d.check.put("check_" + n.name(), command(n));
                    case "persistence_timeout" -> d.persistent = Duration.ofSeconds(
                            n.args().isEmpty() ? 360 : Values.integer(one(n), 1L, 0xFFFF_FFFFL));
                    case "persistence_granularity" -> d.pmask = LvsCfKeys.netmaskAnyFamily(one(n));
                    case "protocol" -> d.protocol = protocol(one(n));
                    case "sorry_server" -> d.sorry = new RealServerConfig("sorry_server", n.line(),
                            Values.address(arg(n, 0)), n.args().size() > 1 ? Values.integer(arg(n, 1), 0, 65535) : 0,
                            true, 1);
                    case "real_server" -> {
                        Imported rs = realServer(d, n);
                        Map<String, String> own = Map.of();
                        if (virtualChecks == null && !rs.checks().isEmpty()) {
                            virtualChecks = rs.checks();
                            firstCheckLine = n.line();
                            checks.applyToVirtual(d, virtualChecks, n.line());
                        } else if (virtualChecks != null && !virtualChecks.equals(rs.checks())) {
                            own = checks.serverOverrides(rs.checks(), virtualChecks, firstCheckLine, n.line());
                        }
                        RealServerConfig s0 = rs.server();
                        d.servers.add(new RealServerConfig(s0.name(), s0.line(), s0.address(), s0.port(), true,
                                s0.weight(), s0.upperThreshold(), s0.lowerThreshold(), own, s0.quiesceServer()));
                    }
                    default -> unsupported(n);
                }
            } catch (IllegalArgumentException e) {
                problems.error(n.line(), n.name(), e.getMessage());
            }
        }
        return d;
    }

    /** A real_server: the server (its own check keys still to come) and its checkers in order. */
    private record Imported(RealServerConfig server, List<Map<String, String>> checks) {}

    private Imported realServer(ImportDraft d, Node node) {
        if (node.args().isEmpty() || node.args().size() > 2 || !node.isBlock()) {
            throw new IllegalArgumentException("expected 'real_server IP [PORT] { ... }'");
        }
        int weight = 1;
        boolean quiesce = false;
        int upper = 0;
        int lower = 0;
        List<Map<String, String>> checks = new ArrayList<>();
        for (Node n : node.children()) {
            try {
                switch (n.name()) {
                    case "weight" -> weight = Values.integer(one(n), 0, RealServerConfig.MAX_WEIGHT);
                    // keepalived's default removes a failed server: only this one is kept at weight 0
                    case "inhibit_on_failure" -> quiesce = n.args().isEmpty() || Values.bool(one(n));
                    case "uthreshold" -> upper = Values.integer(one(n), 0, Integer.MAX_VALUE);
                    case "lthreshold" -> lower = Values.integer(one(n), 0, Integer.MAX_VALUE);
                    case "lvs_method" -> method(d, n);
                    case "TCP_CHECK", "HTTP_GET", "SSL_GET", "MISC_CHECK", "PING_CHECK", "FILE_CHECK" -> checks.add(this.checks.checker(n));
                    default -> unsupported(n);
                }
            } catch (IllegalArgumentException e) {
                problems.error(n.line(), n.name(), e.getMessage());
            }
        }
        var address = Values.address(node.args().get(0));
        int port = node.args().size() == 2 ? Values.integer(node.args().get(1), 0, 65535) : 0;
        if (lower > upper) {
            problems.error(node.line(), "lthreshold", lower + " is above uthreshold " + upper
                    + " (the kernel refuses that)");
            lower = 0;
        }
        return new Imported(new RealServerConfig("rs" + (d.servers.size() + 1), node.line(), address,
                port == d.port ? 0 : port, true, weight, upper, lower, Map.of(),
                quiesce ? Optional.of(true) : Optional.empty()), checks);
    }

    void unsupported(Node n) {
        problems.warning(n.line(), n.name(), "lvs.cf has no equivalent; not imported");
    }

    static String one(Node n) {
        if (n.args().size() != 1) {
            throw new IllegalArgumentException("takes one value, got " + n.args().size());
        }
        return n.args().get(0);
    }

    private static String arg(Node n, int i) {
        if (n.args().size() <= i) {
            throw new IllegalArgumentException("needs at least " + (i + 1) + " values");
        }
        return n.args().get(i);
    }

    /** {@code lvs_method NAT|DR|TUN [type ipip|gue port N|gre] [nocsum|csum|remcsum]}. */
    private void method(ImportDraft d, Node n) {
        List<String> a = n.args();
        if (a.isEmpty()) {
            throw new IllegalArgumentException("needs NAT, DR or TUN");
        }
        NetworkMode mode = kind(a.get(0));
        d.forwarding(mode, n.line(), problems, n.name());
        if (mode != NetworkMode.TUNNEL) {
            if (a.size() > 1) {
                throw new IllegalArgumentException(a.get(0) + " takes no options, got " + String.join(" ", a));
            }
            return;
        }
        TunnelType type = TunnelType.IPIP;
        int port = 0;
        Set<TunnelFlag> flags = Set.of();
        for (int i = 1; i < a.size(); i++) {
            switch (a.get(i)) {
                case "type" -> type = LvsCfKeys.tunnelType(next(a, ++i));
                case "port" -> port = Values.integer(next(a, ++i), 1, 65535);
                case "nocsum", "csum", "remcsum" -> flags = LvsCfKeys.tunnelChecksum(a.get(i));
                default -> throw new IllegalArgumentException("unknown tunnel option '" + a.get(i) + "'");
            }
        }
        d.tunnel(new TunnelOptions(type, port, flags), n.line(), problems, n.name());
    }

    /** A notify-style program line: its words as one lvs.cf command (keepalived's optional user is refused). */
    private static String command(Node n) {
        if (n.args().size() != 1) {
            throw new IllegalArgumentException("takes one program (quote a command line with arguments); "
                    + "a user after it is not imported: programs run as jlvsd's user");
        }
        return n.args().get(0);
    }

    private static String next(List<String> words, int i) {
        if (i >= words.size()) {
            throw new IllegalArgumentException("'" + words.get(i - 1) + "' needs a value");
        }
        return words.get(i);
    }

    private static NetworkMode kind(String text) {
        return switch (text.toUpperCase(Locale.ROOT)) {
            case "NAT" -> NetworkMode.NAT;
            case "DR" -> NetworkMode.DIRECT;
            case "TUN" -> NetworkMode.TUNNEL;
            default -> throw new IllegalArgumentException("must be NAT, DR or TUN, got '" + text + "'");
        };
    }

    private static Protocol protocol(String text) {
        return switch (text.toUpperCase(Locale.ROOT)) {
            case "TCP" -> Protocol.TCP;
            case "UDP" -> Protocol.UDP;
            case "SCTP" -> Protocol.SCTP;
            default -> throw new IllegalArgumentException("must be TCP, UDP or SCTP, got '" + text + "'");
        };
    }
}
