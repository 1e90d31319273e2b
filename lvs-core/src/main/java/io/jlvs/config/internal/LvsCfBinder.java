package io.jlvs.config.internal;

import io.jlvs.config.ClusterSettings;
import io.jlvs.config.HealthCheckConfig;
import io.jlvs.config.RealServerConfig;
import io.jlvs.config.ServiceOptions;
import io.jlvs.config.VirtualServerConfig;
import io.jlvs.ipvs.AddressFamily;
import io.jlvs.ipvs.ForwardingMethod;
import io.jlvs.ipvs.Protocol;
import io.jlvs.ipvs.SchedulerFlag;
import io.jlvs.ipvs.TunnelOptions;
import io.jlvs.ipvs.TunnelType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the syntax tree into model records, block by block, checking what can be checked within a
 * block (required keys, netmasks against the address family). Whole-file checks are in
 * {@link ConfigValidator}. Problems go to {@link Problems}; a block with errors yields no record.
 */
public final class LvsCfBinder {
    private final Problems problems;
    private final Path services;
    private final KeyTable<GlobalDraft> globalKeys = LvsCfKeys.global();
    private final KeyTable<VirtualDraft> virtualKeys = LvsCfKeys.virtual();
    private final KeyTable<ServerDraft> serverKeys = LvsCfKeys.server();

    public LvsCfBinder(Problems problems) {
        this(problems, ServiceNames.SYSTEM);
    }

    /** A binder that looks port names up in {@code services} (services(5) format) instead of /etc/services. */
    public LvsCfBinder(Problems problems, Path services) {
        this.problems = problems;
        this.services = services;
    }

    /** The global settings and the line of each global key that was set. */
    public record Global(ClusterSettings settings, Map<String, RawEntry> entries) {}

    public Global global(RawBlock root) {
        GlobalDraft b = new GlobalDraft();
        Map<String, RawEntry> seen = globalKeys.apply(root.entries(), b, problems);
        if (b.natRouter != null && seen.containsKey("nat_nmask")) {
            checkPrefix(b.natNetmaskPrefix, AddressFamily.of(b.natRouter.address()), seen.get("nat_nmask"));
        } else if (b.natRouter != null && AddressFamily.of(b.natRouter.address()) == AddressFamily.INET6) {
            b.natNetmaskPrefix = 128;
        }
        // No silent keys: what acts only between two directors says so when there is no second one.
        boolean paired = b.primary != null && b.backup != null && b.heartbeat;
        if (!paired) {
            for (String key : List.of("monitor_links", "track_script")) {
                boolean on = key.equals("monitor_links") ? b.monitorLinks : b.trackScript != null;
                if (on && seen.containsKey(key)) {
                    problems.warning(seen.get(key).line(), key, "has no effect without a backup director (primary,"
                            + " backup and heartbeat = 1): a single director keeps its addresses whatever it reports");
                }
            }
        }
        if (b.trackScript == null) {
            for (String key : List.of("track_script_interval", "track_script_timeout", "track_script_fall",
                    "track_script_rise")) {
                if (seen.containsKey(key)) {
                    problems.warning(seen.get(key).line(), key, "has no effect without track_script");
                }
            }
        }
        if (b.syncDaemon && b.syncdInterface == null && (b.natRouter == null || b.natRouter.device().isEmpty())) {
            problems.warning(seen.get("syncdaemon").line(), "syncdaemon", "no sync daemon runs: it needs an interface,"
                    + " and neither syncd_iface nor nat_router's device names one");
        }
        return new Global(b.build(), seen);
    }

    /** The virtual server of one block, or empty when the block has errors. */
    public Optional<BoundVirtual> virtual(RawBlock block) {
        VirtualDraft d = new VirtualDraft();
        int errorsBefore = countErrors();
        int warningsBefore = problems.warningCount();
        Map<String, RawEntry> seen = virtualKeys.apply(block.entries(), d, problems);
        d.port = port(d.portEntry, d.protocol, true, d.port);
        Map<String, RawBlock> serverNames = new HashMap<>();
        for (RawBlock child : block.children()) {
            RawBlock earlier = serverNames.putIfAbsent(child.name(), child);
            if (earlier != null) {
                problems.error(child.line(), "server", "name '" + child.name() + "' is used twice in virtual "
                        + block.name() + " (first on line " + earlier.line() + ")");
                continue;
            }
            server(child, d.protocol).ifPresent(d.servers::add);
        }
        ServiceOptions options = options(d, seen);
        String where = "virtual " + block.name();
        if (!seen.containsKey("address")) {
            problems.error(block.line(), "address", "is required (" + where
                    + (seen.containsKey("port") ? " has a port but no address" : "") + ")");
        }
        if (d.fwmark == 0 && d.port == 0 && !seen.containsKey("port")) {
            problems.error(block.line(), "port", "is required unless fwmark is set (" + where + ")");
        } else if (d.fwmark == 0 && d.port == 0 && seen.get("port").value().strip().equals("0")) {
            problems.error(seen.get("port").line(), "port", "0 needs a fwmark (" + where + ")");
        }
        if (d.address == null || countErrors() > errorsBefore) {
            return Optional.empty();
        }
        AddressFamily family = AddressFamily.of(d.address.address());
        int vipPrefix = family.maxPrefixLength();
        if (d.vipNetmask != null) {
            vipPrefix = d.vipNetmask;
            checkPrefix(vipPrefix, family, seen.get("vip_nmask"));
        }
        int pmask = family.maxPrefixLength();
        if (d.pmask != null) {
            pmask = d.pmask;
            checkPrefix(pmask, family, seen.get("pmask"));
            if (family == AddressFamily.INET6 && pmask == 0) {
                problems.error(seen.get("pmask").line(), "pmask", "must be 1..128 for an IPv6 service (the kernel refuses 0)");
            }
            if (d.persistentSeconds == 0) {
                problems.warning(seen.get("pmask").line(), "pmask", "has no effect without persistent");
            }
        }
        if (!d.loadMonitor.equals("none")) {
            problems.warning(seen.get("load_monitor").line(), "load_monitor",
                    "jLVS does not change weights by load; '" + d.loadMonitor + "' is ignored");
        }
        Optional<RealServerConfig> sorry = Optional.empty();
        if (d.sorryAddress != null) {
            RawEntry e = seen.get("sorry_server");
            int sorryPort = d.sorryPort == null ? 0
                    : port(new RawEntry(e.key(), d.sorryPort, false, e.line()), d.protocol, false, 0);
            sorry = Optional.of(new RealServerConfig("sorry_server", e.line(), d.sorryAddress, sorryPort, true, 1));
        }

        if (countErrors() > errorsBefore) {
            return Optional.empty();
        }
        HealthCheckConfig health = new HealthCheckConfig(Optional.ofNullable(d.send), Optional.ofNullable(d.expect),
                d.useRegex, Optional.ofNullable(d.sendProgram), d.timeout, d.reentry, d.loadMonitor, d.rise, d.fall,
                d.checkSettings);
        VirtualServerConfig config = new VirtualServerConfig(block.name(), block.line(), d.active, d.address,
                vipPrefix, d.port, d.protocol, d.fwmark,
                d.persistentSeconds == 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(d.persistentSeconds)),
                pmask, d.scheduler, d.quiesceServer, sorry, Optional.ofNullable(d.forward), d.slowStart, options,
                health, d.servers);
        Map<String, Integer> keyLines = new HashMap<>();
        for (String key : BoundVirtual.WHOLE_FILE_KEYS) {
            RawEntry e = seen.get(key);
            if (e != null) {
                keyLines.put(key, e.line());
            }
        }
        return Optional.of(new BoundVirtual(config, keyLines, problems.warningsSince(warningsBefore), block));
    }

    /**
     * The block's scheduling options. Each refusal names its key: a flag of another scheduler, one-packet
     * scheduling of a TCP or SCTP service (ipvsadm refuses it too), a tunnel port without GUE and GUE
     * without one, a checksum IPIP has no room for.
     */
    private ServiceOptions options(VirtualDraft d, Map<String, RawEntry> seen) {
        Set<SchedulerFlag> flags = Set.of();
        try {
            flags = SchedulerFlag.canonical(d.schedulerFlags, d.scheduler);
        } catch (IllegalArgumentException e) {
            problems.error(seen.get("scheduler_flags").line(), "scheduler_flags", e.getMessage());
        }
        if (d.onePacket && d.fwmark == 0 && d.protocol != Protocol.UDP) {
            problems.error(seen.get("one_packet").line(), "one_packet", "one-packet scheduling is only for UDP "
                    + "(or firewall-mark) services; this one is " + d.protocol.name().toLowerCase(Locale.ROOT));
        }
        Optional<TunnelOptions> tunnel = Optional.empty();
        if (d.tunnelType == null) {
            for (String key : List.of("tunnel_port", "tunnel_checksum")) {
                if (seen.containsKey(key)) {
                    problems.error(seen.get(key).line(), key, "needs tunnel_type (gue or gre)");
                }
            }
        } else if (d.tunnelType == TunnelType.GUE && d.tunnelPort == 0) {
            problems.error(seen.get("tunnel_type").line(), "tunnel_type", "gue needs tunnel_port (the real servers'"
                    + " GUE receive port)");
        } else {
            try {
                tunnel = Optional.of(new TunnelOptions(d.tunnelType, d.tunnelPort,
                        d.tunnelChecksum == null ? Set.of() : d.tunnelChecksum));
            } catch (IllegalArgumentException e) {
                String key = d.tunnelPort != 0 && d.tunnelType != TunnelType.GUE ? "tunnel_port" : "tunnel_checksum";
                problems.error(seen.getOrDefault(key, seen.get("tunnel_type")).line(), key, e.getMessage());
            }
        }
        return new ServiceOptions(flags, d.onePacket, tunnel);
    }

    /** A port written as a number or a service name; {@code fallback} when it was not given. */
    private int port(RawEntry entry, Protocol protocol, boolean zeroAllowed, int fallback) {
        if (entry == null) {
            return fallback;
        }
        try {
            return ServiceNames.port(entry.value(), protocol, zeroAllowed, services);
        } catch (IllegalArgumentException e) {
            problems.error(entry.line(), entry.key(), e.getMessage());
            return fallback;
        }
    }

    private Optional<RealServerConfig> server(RawBlock block, Protocol protocol) {
        if (!block.children().isEmpty()) {
            return Optional.empty(); // reported by the reader: a block inside a server block
        }
        ServerDraft d = new ServerDraft();
        int errorsBefore = countErrors();
        Map<String, RawEntry> seen = serverKeys.apply(block.entries(), d, problems);
        d.port = port(d.portEntry, protocol, true, d.port);
        if (d.lowerThreshold > d.upperThreshold) {
            problems.error(seen.get("l_threshold").line(), "l_threshold", d.lowerThreshold + " is above u_threshold "
                    + d.upperThreshold + " (the kernel refuses that; without u_threshold there is no l_threshold)");
        }
        if (!seen.containsKey("address")) {
            problems.error(block.line(), "address", "is required (server " + block.name() + ")");
        }
        if (countErrors() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new RealServerConfig(block.name(), block.line(), d.address, d.port, d.active, d.weight,
                d.upperThreshold, d.lowerThreshold, d.checkSettings, Optional.ofNullable(d.quiesceServer)));
    }

    private void checkPrefix(int prefix, AddressFamily family, RawEntry entry) {
        if (entry != null && prefix > family.maxPrefixLength()) {
            problems.error(entry.line(), entry.key(), "prefix length " + prefix + " is too long for an "
                    + Values.familyName(family) + " address (at most " + family.maxPrefixLength() + ")");
        }
        if (entry != null && family == AddressFamily.INET6 && entry.value().contains(".")) {
            problems.error(entry.line(), entry.key(), "an IPv6 address takes a prefix length, not a dotted netmask");
        }
    }

    private int countErrors() {
        return problems.errorCount();
    }

    /** Whether a real server of {@code family} can serve a service of another family: only tunnelled. */
    static boolean familiesCompatible(AddressFamily service, AddressFamily server, ForwardingMethod method) {
        return service == server || method == ForwardingMethod.TUNNEL;
    }

    /**
     * The virtual blocks in order, each that bound without error; a block the reader found unchanged
     * gives its remembered record and warnings again.
     */
    public List<BoundVirtual> virtuals(RawBlock root) {
        List<BoundVirtual> result = new ArrayList<>();
        for (RawBlock child : root.children()) {
            KnownVirtual known = child.known();
            if (known != null) {
                problems.repeat(known.warnings());
                result.add(new BoundVirtual(known.config(), known.keyLines(), known.warnings(), child));
            } else if (child.kind().equals("virtual")) {
                virtual(child).ifPresent(result::add);
            }
        }
        return result;
    }
}
