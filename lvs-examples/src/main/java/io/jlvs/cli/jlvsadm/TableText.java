package io.jlvs.cli.jlvsadm;

import io.jlvs.ipvs.AddressFamily;
import io.jlvs.ipvs.ForwardingMethod;
import io.jlvs.ipvs.IpvsInfo;
import io.jlvs.ipvs.Persistence;
import io.jlvs.ipvs.Protocol;
import io.jlvs.ipvs.RealServerEntry;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.Stats;
import io.jlvs.ipvs.TunnelFlag;
import io.jlvs.ipvs.TunnelOptions;
import io.jlvs.ipvs.VirtualService;
import java.util.List;
import java.util.Set;

/**
 * ipvsadm's listings (-L), character for character: list_all's header, print_title, and
 * print_service_entry for every format but -S's rules (see {@link RulesText}). The printf formats of
 * ipvsadm.c 1.31 are quoted beside the code that reproduces them.
 */
final class TableText {
    private final Set<ListFormat> format;
    private final Names names;

    TableText(Set<ListFormat> format, Names names) {
        this.format = format;
        this.names = names;
    }

    /** list_all: "IP Virtual Server version 1.2.1 (size=4096)", the title, every service. */
    String all(Table table) {
        StringBuilder out = new StringBuilder();
        out.append(header(table.info()));
        out.append(title());
        List<Table.Service> services = table.services();
        if (!format.contains(ListFormat.NOSORT)) {
            services = ListingOrder.services(services);
        }
        for (Table.Service s : services) {
            out.append(service(s));
        }
        return out.toString();
    }

    /** list_service: the title and one service (no version header). */
    String one(Table.Service service) {
        return title() + service(service);
    }

    static String header(IpvsInfo info) {
        int v = info.version();
        // "IP Virtual Server version %d.%d.%d (size=%d)\n"
        return "IP Virtual Server version " + ((v >> 16) & 0xff) + "." + ((v >> 8) & 0xff) + "." + (v & 0xff)
                + " (size=" + info.connectionTableSize() + ")\n";
    }

    String title() {
        if (format.contains(ListFormat.STATS)) {
            // "%-33s %8s %8s %8s %8s %8s\n  -> RemoteAddress:Port\n"
            return left("Prot LocalAddress:Port", 33) + " " + right("Conns", 8) + " " + right("InPkts", 8) + " "
                    + right("OutPkts", 8) + " " + right("InBytes", 8) + " " + right("OutBytes", 8) + "\n"
                    + "  -> RemoteAddress:Port\n";
        }
        if (format.contains(ListFormat.RATE)) {
            return left("Prot LocalAddress:Port", 33) + " " + right("CPS", 8) + " " + right("InPPS", 8) + " "
                    + right("OutPPS", 8) + " " + right("InBPS", 8) + " " + right("OutBPS", 8) + "\n"
                    + "  -> RemoteAddress:Port\n";
        }
        if (format.contains(ListFormat.THRESHOLDS)) {
            // "%-33s %-10s %-10s %-10s %-10s\n"
            return left("Prot LocalAddress:Port", 33) + " " + left("Uthreshold", 10) + " " + left("Lthreshold", 10)
                    + " " + left("ActiveConn", 10) + " " + left("InActConn", 10) + "\n"
                    + "  -> RemoteAddress:Port\n";
        }
        if (format.contains(ListFormat.PERSISTENT_CONN)) {
            // "%-33s %-9s %-11s %-10s %-10s\n"
            return left("Prot LocalAddress:Port", 33) + " " + left("Weight", 9) + " " + left("PersistConn", 11)
                    + " " + left("ActiveConn", 10) + " " + left("InActConn", 10) + "\n"
                    + "  -> RemoteAddress:Port\n";
        }
        if (format.contains(ListFormat.TUN_INFO)) {
            return "Prot LocalAddress:Port Scheduler Flags\n"
                    + "  -> RemoteAddress:Port           Forward TunnelInfo    Weight ActiveConn InActConn\n";
        }
        return "Prot LocalAddress:Port Scheduler Flags\n"
                + "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n";
    }

    /** print_service_entry: the service's line, then its real servers'. */
    String service(Table.Service s) {
        StringBuilder out = new StringBuilder();
        VirtualService vs = s.entry().service();
        String name = serviceName(vs.key());
        Stats st = s.entry().stats();
        boolean exact = format.contains(ListFormat.EXACT);
        if (format.contains(ListFormat.STATS)) {
            out.append(left(name, 33)).append(LargeNumber.format(st.connections(), exact))
                    .append(LargeNumber.format(st.inPackets(), exact)).append(LargeNumber.format(st.outPackets(), exact))
                    .append(LargeNumber.format(st.inBytes(), exact)).append(LargeNumber.format(st.outBytes(), exact));
        } else if (format.contains(ListFormat.RATE)) {
            out.append(left(name, 33)).append(LargeNumber.format(st.cps(), exact))
                    .append(LargeNumber.format(st.inPps(), exact)).append(LargeNumber.format(st.outPps(), exact))
                    .append(LargeNumber.format(st.inBps(), exact)).append(LargeNumber.format(st.outBps(), exact));
        } else {
            out.append(name).append(' ').append(vs.scheduler().name());
            if (!vs.schedulerFlags().isEmpty()) {
                out.append(" (").append(SchedulerFlags.format(vs.schedulerFlags(), vs.scheduler().name())).append(')');
            }
            vs.persistence().ifPresent(p -> {
                out.append(" persistent ").append(p.timeoutSeconds());
                netmask(vs.family(), p).ifPresent(m -> out.append(" mask ").append(m));
                vs.persistenceEngine().ifPresent(pe -> out.append(" pe ").append(pe));
            });
            if (vs.onePacket()) {
                out.append(" ops");
            }
        }
        out.append('\n');
        List<RealServerEntry> servers = s.realServers();
        if (!format.contains(ListFormat.NOSORT)) {
            servers = ListingOrder.realServers(servers);
        }
        Protocol protocol = vs.key() instanceof ServiceKey.Address a ? a.protocol() : null;
        for (RealServerEntry e : servers) {
            out.append(realServer(e, protocol));
        }
        return out.toString();
    }

    private String realServer(RealServerEntry e, Protocol protocol) {
        String name = names.endpoint(e.server().address(), e.server().port(), protocol);
        if (e.server().addressFamily() != AddressFamily.INET6 && name.length() > 28) {
            name = name.substring(0, 28);
        }
        boolean exact = format.contains(ListFormat.EXACT);
        Stats st = e.stats();
        String prefix = "  -> " + left(name, 28);
        if (format.contains(ListFormat.STATS)) {
            // libipvs reads a real server's 64-bit counters with nla_get_u32 (ipvs_dests_parse_cb calls
            // ipvs_parse_stats on IPVS_DEST_ATTR_STATS64): all but the byte counts show their low 32 bits.
            return prefix + LargeNumber.format(low32(st.connections()), exact)
                    + LargeNumber.format(low32(st.inPackets()), exact) + LargeNumber.format(low32(st.outPackets()), exact)
                    + LargeNumber.format(st.inBytes(), exact) + LargeNumber.format(st.outBytes(), exact) + "\n";
        }
        if (format.contains(ListFormat.RATE)) {
            // "  -> %-28s %8llu %8llu %8llu" then print_largenum twice
            return prefix + " " + right(Long.toString(low32(st.cps())), 8) + " " + right(Long.toString(low32(st.inPps())), 8)
                    + " " + right(Long.toString(low32(st.outPps())), 8)
                    + LargeNumber.format(low32(st.inBps()), exact) + LargeNumber.format(low32(st.outBps()), exact) + "\n";
        }
        if (format.contains(ListFormat.THRESHOLDS)) {
            // "  -> %-28s %-10u %-10u %-10u %-10u\n"
            return prefix + " " + left(u(e.server().upperThreshold()), 10) + " " + left(u(e.server().lowerThreshold()), 10)
                    + " " + left(u(e.activeConnections()), 10) + " " + left(u(e.inactiveConnections()), 10) + "\n";
        }
        if (format.contains(ListFormat.PERSISTENT_CONN)) {
            // "  -> %-28s %-9u %-11u %-10u %-10u\n"
            return prefix + " " + left(u(e.server().weight()), 9) + " " + left(u(e.persistentConnections()), 11)
                    + " " + left(u(e.activeConnections()), 10) + " " + left(u(e.inactiveConnections()), 10) + "\n";
        }
        String forward = e.server().forwarding().ipvsadmName();
        if (format.contains(ListFormat.TUN_INFO)) {
            // "  -> %-28s %-7s %-13s %-6d %-10u %-10u\n"
            String info = e.server().tunnel().filter(t -> e.server().forwarding() == ForwardingMethod.TUNNEL)
                    .map(TableText::tunnelInfo).orElse("n/a");
            return prefix + " " + left(forward, 7) + " " + left(info, 13) + " " + left(Integer.toString(e.server().weight()), 6)
                    + " " + left(u(e.activeConnections()), 10) + " " + left(u(e.inactiveConnections()), 10) + "\n";
        }
        // "  -> %-28s %-7s %-6d %-10u %-10u\n"
        return prefix + " " + left(forward, 7) + " " + left(Integer.toString(e.server().weight()), 6)
                + " " + left(u(e.activeConnections()), 10) + " " + left(u(e.inactiveConnections()), 10) + "\n";
    }

    /** "TCP  10.0.0.1:80" ("%-4s %s", cut to 33 characters unless IPv6), "FWM  5", "FWM  5 IPv6". */
    String serviceName(ServiceKey key) {
        if (key instanceof ServiceKey.Fwmark f) {
            // "FWM  %d": Debian's ipvsadm 1.31 prints the u32 mark with %d, so marks above 2^31 show negative.
            return "FWM  " + f.mark() + (f.family() == AddressFamily.INET6 ? " IPv6" : "");
        }
        ServiceKey.Address a = (ServiceKey.Address) key;
        String name = left(a.protocol().name(), 4) + " " + names.endpoint(a.address(), a.port(), a.protocol());
        return a.family() != AddressFamily.INET6 && name.length() > 33 ? name.substring(0, 33) : name;
    }

    /** The persistence mask as ipvsadm shows it, or empty for a single address (/32, /128). */
    static java.util.Optional<String> netmask(AddressFamily family, Persistence p) {
        int prefix = p.netmaskPrefixLength();
        if (prefix == family.maxPrefixLength()) {
            return java.util.Optional.empty();
        }
        if (family == AddressFamily.INET6) {
            return java.util.Optional.of(Integer.toString(prefix));
        }
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        return java.util.Optional.of((mask >>> 24) + "." + ((mask >>> 16) & 0xff) + "." + ((mask >>> 8) & 0xff) + "." + (mask & 0xff));
    }

    /** fwd_tun_info: "ipip", "gue:6080:-c", "gre:+c" (snprintf into 16 bytes). */
    static String tunnelInfo(TunnelOptions t) {
        String text = switch (t.type()) {
            case IPIP -> "ipip";
            case GUE -> "gue:" + t.port() + ":" + checksumName(t.flags());
            case GRE -> "gre:" + checksumName(t.flags());
        };
        return text.length() > 15 ? text.substring(0, 15) : text;
    }

    /** ipvsadm's tunflags[]: "-c", "+c", "r+c". */
    static String checksumName(Set<TunnelFlag> flags) {
        if (flags.contains(TunnelFlag.REMCSUM)) {
            return flags.contains(TunnelFlag.CSUM) ? "+c,r+c" : "r+c";
        }
        return flags.contains(TunnelFlag.CSUM) ? "+c" : "-c";
    }

    private static long low32(long value) {
        return value & 0xFFFF_FFFFL;
    }

    private static String u(int value) {
        return Integer.toUnsignedString(value);
    }

    /** printf("%-Ns"). */
    static String left(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    /** printf("%Ns"). */
    static String right(String text, int width) {
        return LargeNumber.pad(text, width);
    }
}
