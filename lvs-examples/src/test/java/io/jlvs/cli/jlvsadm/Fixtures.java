package io.jlvs.cli.jlvsadm;

import io.jlvs.ipvs.IpvsInfo;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerEntry;
import io.jlvs.ipvs.ServiceEntry;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.Stats;
import io.jlvs.ipvs.VirtualService;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Values for the formatter and parser tests: addresses from literals, entries with given counters. */
final class Fixtures {
    private Fixtures() {}

    static final IpvsInfo INFO = new IpvsInfo(0x010201, 4096);

    static InetAddress ip(String literal) {
        if (!literal.matches("[0-9a-fA-F.:]+")) {
            throw new IllegalArgumentException("not a literal: " + literal);
        }
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static ServiceKey tcp(String address, int port) {
        return ServiceKey.tcp(ip(address), port);
    }

    static ServiceKey udp(String address, int port) {
        return ServiceKey.udp(ip(address), port);
    }

    static ServiceEntry service(VirtualService vs) {
        return new ServiceEntry(vs, Stats.ZERO);
    }

    static ServiceEntry service(VirtualService vs, Stats stats) {
        return new ServiceEntry(vs, stats);
    }

    static RealServerEntry server(RealServer r) {
        return new RealServerEntry(r, 0, 0, 0, Stats.ZERO);
    }

    static RealServerEntry server(RealServer r, int active, int inactive, int persistent, Stats stats) {
        return new RealServerEntry(r, active, inactive, persistent, stats);
    }

    static Table.Service entry(ServiceEntry s, RealServerEntry... servers) {
        return new Table.Service(s, List.of(servers));
    }

    static Table table(Table.Service... services) {
        return new Table(INFO, List.of(services));
    }

    static Set<ListFormat> fmt(ListFormat... flags) {
        EnumSet<ListFormat> set = EnumSet.noneOf(ListFormat.class);
        set.addAll(List.of(flags));
        return set;
    }

    static Stats stats(long conns, long inPkts, long outPkts, long inBytes, long outBytes) {
        return new Stats(conns, inPkts, outPkts, inBytes, outBytes, 0, 0, 0, 0, 0);
    }

    static Stats rates(long cps, long inPps, long outPps, long inBps, long outBps) {
        return new Stats(0, 0, 0, 0, 0, cps, inPps, outPps, inBps, outBps);
    }

    /** A services database with a few well-known entries, independent of the host's /etc/services. */
    static ServicesDatabase services() {
        return ServicesDatabase.of(List.of(
                "# comment line",
                "ftp\t\t21/tcp",
                "domain\t\t53/tcp",
                "domain\t\t53/udp",
                "http\t\t80/tcp\t\twww\t\t# WorldWideWeb HTTP",
                "https\t\t443/tcp",
                "https\t\t443/udp",
                "sip\t\t5060/tcp",
                "sip\t\t5060/udp",
                "sip\t\t5060/sctp"));
    }
}
