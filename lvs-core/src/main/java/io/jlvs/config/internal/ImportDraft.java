package io.jlvs.config.internal;

import io.jlvs.config.HealthCheckConfig;
import io.jlvs.config.InterfaceAddress;
import io.jlvs.config.NetworkMode;
import io.jlvs.config.RealServerConfig;
import io.jlvs.config.ServiceOptions;
import io.jlvs.config.VirtualServerConfig;
import io.jlvs.ipvs.AddressFamily;
import io.jlvs.ipvs.Protocol;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.SchedulerFlag;
import io.jlvs.ipvs.TunnelOptions;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A virtual server being imported from another format, with the line it came from. */
public final class ImportDraft {
    final int line;
    InetAddress address;
    int port;
    Protocol protocol = Protocol.TCP;
    long fwmark;
    AddressFamily fwmarkFamily = AddressFamily.INET;
    Scheduler scheduler = Scheduler.WLC;
    Duration persistent;
    Integer pmask;
    NetworkMode forward;
    int forwardLine;
    boolean quiesce;
    RealServerConfig sorry;
    Duration timeout = HealthCheckConfig.DEFAULT_TIMEOUT;
    int rise = 1;
    int fall = 1;
    final Set<SchedulerFlag> schedulerFlags = EnumSet.noneOf(SchedulerFlag.class);
    boolean onePacket;
    TunnelOptions tunnel;
    final Map<String, String> check = new LinkedHashMap<>();
    final List<RealServerConfig> servers = new ArrayList<>();

    ImportDraft(int line) {
        this.line = line;
    }

    /** This draft for another service (a member of a keepalived virtual_server_group): all else the same. */
    ImportDraft copyFor(InetAddress memberAddress, int memberPort, long memberFwmark, AddressFamily family, int at) {
        ImportDraft d = new ImportDraft(at);
        d.address = memberAddress;
        d.port = memberPort;
        d.fwmark = memberFwmark;
        d.fwmarkFamily = family == null ? fwmarkFamily : family;
        d.protocol = protocol;
        d.scheduler = scheduler;
        d.persistent = persistent;
        d.pmask = pmask;
        d.forward = forward;
        d.forwardLine = forwardLine;
        d.quiesce = quiesce;
        d.sorry = sorry;
        d.timeout = timeout;
        d.rise = rise;
        d.fall = fall;
        d.schedulerFlags.addAll(schedulerFlags);
        d.onePacket = onePacket;
        d.tunnel = tunnel;
        d.check.putAll(check);
        d.servers.addAll(servers);
        return d;
    }

    /** Records the tunnel options of a TUN service or real server; one service has one set in lvs.cf. */
    void tunnel(TunnelOptions options, int atLine, Problems problems, String key) {
        if (tunnel != null && !tunnel.equals(options)) {
            problems.error(atLine, key, "real servers of one service tunnel by " + tunnel + " and " + options
                    + "; lvs.cf has one tunnel type per service");
        } else {
            tunnel = options;
        }
    }

    /** A name for the virtual block: "tcp_10_0_0_1_80", "fwm_5". */
    String name() {
        if (fwmark != 0) {
            return "fwm_" + fwmark + (fwmarkFamily == AddressFamily.INET6 ? "_v6" : "");
        }
        return protocol.name().toLowerCase(java.util.Locale.ROOT) + "_"
                + Values.addressText(address).replaceAll("[^0-9A-Za-z]+", "_") + "_" + port;
    }

    /** Records this real server's forwarding method; one service has one method in lvs.cf. */
    void forwarding(NetworkMode mode, int atLine, Problems problems, String key) {
        if (forward == null) {
            forward = mode;
            forwardLine = atLine;
        } else if (forward != mode) {
            problems.error(atLine, key, "real servers of one service use " + forward.configName() + " (line "
                    + forwardLine + ") and " + mode.configName() + "; lvs.cf has one forwarding method per service");
        }
    }

    /** The virtual server; {@code forward} is kept only where it differs from the global {@code network}. */
    VirtualServerConfig build(NetworkMode network) {
        InetAddress vip = address;
        if (vip == null) {
            // a firewall-mark service has no address in the kernel; the VIP must be filled in before use
            vip = Values.address(fwmarkFamily == AddressFamily.INET6 ? "::" : "0.0.0.0");
        }
        AddressFamily family = AddressFamily.of(vip);
        // send_program is both a field and a setting, as the lvs.cf binder makes it: the writer writes the field.
        HealthCheckConfig health = new HealthCheckConfig(Optional.empty(), Optional.empty(), false,
                Optional.ofNullable(check.get("send_program")),
                timeout, HealthCheckConfig.DEFAULT_REENTRY, "none", rise, fall, check);
        if (onePacket && fwmark == 0 && protocol != Protocol.UDP) {
            throw new IllegalArgumentException("one-packet scheduling (ops) is only for UDP or firewall-mark services");
        }
        ServiceOptions options = new ServiceOptions(SchedulerFlag.canonical(schedulerFlags, scheduler), onePacket,
                Optional.ofNullable(tunnel).filter(t -> !t.equals(TunnelOptions.IPIP)));
        return new VirtualServerConfig(name(), line, true, new InterfaceAddress(vip, Optional.empty()),
                family.maxPrefixLength(), port, protocol, fwmark, Optional.ofNullable(persistent),
                pmask == null ? family.maxPrefixLength() : pmask, scheduler, quiesce, Optional.ofNullable(sorry),
                forward == null || forward == network ? Optional.empty() : Optional.of(forward), Duration.ZERO,
                options, health, servers);
    }

    /** The forwarding method most services use, for lvs.cf's global {@code network}. */
    static NetworkMode commonMode(Collection<ImportDraft> drafts) {
        Map<NetworkMode, Integer> counts = new EnumMap<>(NetworkMode.class);
        drafts.forEach(d -> counts.merge(d.forward == null ? NetworkMode.DIRECT : d.forward, 1, Integer::sum));
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse(NetworkMode.DIRECT);
    }

    /**
     * Builds every draft against the most common forwarding method, reporting records that cannot
     * be made and what the importer could not know (a firewall-mark service's VIP, the NAT router).
     */
    static Imported buildAll(Collection<ImportDraft> drafts, Problems problems) {
        NetworkMode network = commonMode(drafts);
        List<VirtualServerConfig> result = new ArrayList<>();
        for (ImportDraft d : drafts) {
            if (d.address == null) {
                problems.warning(d.line, "address", "firewall-mark service " + d.fwmark
                        + " names no VIP; set 'address' in virtual " + d.name() + " before use");
            }
            try {
                result.add(d.build(network));
            } catch (IllegalArgumentException e) {
                problems.error(d.line, "", e.getMessage());
            }
        }
        boolean nat = result.stream().anyMatch(v -> v.forward().orElse(network) == NetworkMode.NAT);
        if (nat) {
            problems.warning(0, "nat_router", "NAT services were imported; add nat_router (the real servers' "
                    + "gateway address and device) before use");
        }
        return new Imported(network, result);
    }

    /**
     * What an importer produced: the global forwarding method, the virtual servers, and the user check
     * programs run as (keepalived's {@code global_defs { script_user }}), when the source names one.
     */
    public record Imported(NetworkMode network, List<VirtualServerConfig> virtualServers,
            java.util.Optional<String> scriptUser) {
        Imported(NetworkMode network, List<VirtualServerConfig> virtualServers) {
            this(network, virtualServers, java.util.Optional.empty());
        }

        Imported withScriptUser(java.util.Optional<String> user) {
            return new Imported(network, virtualServers, user);
        }
    }
}
