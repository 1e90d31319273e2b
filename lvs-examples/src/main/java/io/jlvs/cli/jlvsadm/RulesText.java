package io.jlvs.cli.jlvsadm;

import io.jlvs.ipvs.AddressFamily;
import io.jlvs.ipvs.ForwardingMethod;
import io.jlvs.ipvs.Protocol;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerEntry;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.TunnelFlag;
import io.jlvs.ipvs.TunnelOptions;
import io.jlvs.ipvs.VirtualService;
import java.util.List;
import java.util.Set;

/**
 * ipvsadm -S: the table as the commands that rebuild it (print_service_entry with FMT_RULE), which
 * -R reads back. Like ipvsadm it omits thresholds, and lists in ipvsadm's order unless --nosort.
 */
final class RulesText {
    private final Set<ListFormat> format;
    private final Names names;

    RulesText(Set<ListFormat> format, Names names) {
        this.format = format;
        this.names = names;
    }

    String all(Table table) {
        StringBuilder out = new StringBuilder();
        List<Table.Service> services = table.services();
        if (!format.contains(ListFormat.NOSORT)) {
            services = ListingOrder.services(services);
        }
        for (Table.Service s : services) {
            out.append(service(s));
        }
        return out.toString();
    }

    String service(Table.Service s) {
        VirtualService vs = s.entry().service();
        String name = serviceName(vs.key());
        // "-A %s -s %s", then " -p %u", " -M ...", " --pe %s", " -o", " -b flags"
        StringBuilder out = new StringBuilder("-A ").append(name).append(" -s ").append(vs.scheduler().name());
        vs.persistence().ifPresent(p -> {
            out.append(" -p ").append(p.timeoutSeconds());
            TableText.netmask(vs.family(), p).ifPresent(m -> out.append(" -M ").append(m));
        });
        vs.persistenceEngine().ifPresent(pe -> out.append(" --pe ").append(pe));
        if (vs.onePacket()) {
            out.append(" -o");
        }
        if (!vs.schedulerFlags().isEmpty()) {
            out.append(" -b ").append(SchedulerFlags.format(vs.schedulerFlags(), vs.scheduler().name()));
        }
        out.append('\n');
        List<RealServerEntry> servers = s.realServers();
        if (!format.contains(ListFormat.NOSORT)) {
            servers = ListingOrder.realServers(servers);
        }
        Protocol protocol = vs.key() instanceof ServiceKey.Address a ? a.protocol() : null;
        for (RealServerEntry e : servers) {
            out.append(realServer(name, e.server(), protocol));
        }
        return out.toString();
    }

    private String realServer(String serviceName, RealServer r, Protocol protocol) {
        String name = names.endpoint(r.address(), r.port(), protocol);
        // "-a %s -r %s %s -w %d"
        StringBuilder out = new StringBuilder("-a ").append(serviceName).append(" -r ").append(name).append(' ')
                .append(forwardOption(r.forwarding())).append(" -w ").append(r.weight());
        if (r.forwarding() == ForwardingMethod.TUNNEL) {
            TunnelOptions t = r.tunnel().orElse(TunnelOptions.IPIP);
            out.append(" --tun-type ").append(t.type().ipvsadmName());
            switch (t.type()) {
                case IPIP -> { }
                case GUE -> out.append(" --tun-port ").append(t.port()).append(' ').append(checksumOption(t.flags()));
                case GRE -> out.append(' ').append(checksumOption(t.flags()));
            }
        }
        return out.append('\n').toString();
    }

    /** "-t 10.0.0.1:80", "-u ...", "--sctp-service ...", "-f 5", "-f 5 -6". */
    private String serviceName(ServiceKey key) {
        if (key instanceof ServiceKey.Fwmark f) {
            return "-f " + f.mark() + (f.family() == AddressFamily.INET6 ? " -6" : "");
        }
        ServiceKey.Address a = (ServiceKey.Address) key;
        String option = switch (a.protocol()) {
            case TCP -> "-t";
            case UDP -> "-u";
            case SCTP -> "--sctp-service";
        };
        return option + " " + names.endpoint(a.address(), a.port(), a.protocol());
    }

    /** fwd_switch: -m, -i, and -g for both direct routing and a local real server. */
    static String forwardOption(ForwardingMethod method) {
        return switch (method) {
            case MASQUERADE -> "-m";
            case TUNNEL -> "-i";
            case LOCAL, DIRECT_ROUTE -> "-g";
        };
    }

    /** tun_flags_opts: --tun-nocsum, --tun-csum, --tun-remcsum. */
    static String checksumOption(Set<TunnelFlag> flags) {
        if (flags.contains(TunnelFlag.REMCSUM)) {
            return "--tun-remcsum";
        }
        return flags.contains(TunnelFlag.CSUM) ? "--tun-csum" : "--tun-nocsum";
    }
}
