package io.jlvs.ipvs.kernel;

import static io.jlvs.testing.Inet.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.jlvs.ipvs.AddressFamily;
import io.jlvs.ipvs.ForwardingMethod;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerAddress;
import io.jlvs.ipvs.RealServerEntry;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.Stats;
import io.jlvs.ipvs.TunnelFlag;
import io.jlvs.ipvs.TunnelOptions;
import io.jlvs.ipvs.VirtualService;
import io.jlvs.testing.IpvsadmListing;
import io.jlvs.testing.KernelNamespace;
import io.jlvs.testing.KernelTest;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real servers of every forwarding method and tunnel type, weights, thresholds and families: what the
 * API writes is what ipvsadm reads ({@code -Sn}, {@code -Ln}, {@code -Ln --thresholds}), and back.
 */
@KernelTest
class RealServerKernelIT {
    private static final ServiceKey WEB = ServiceKey.tcp(ip("10.0.0.1"), 80);
    private static final ServiceKey WEB6 = ServiceKey.tcp(ip("2001:db8::1"), 80);

    /**
     * A real server of TCP 10.0.0.1:80 (or [2001:db8::1]:80), the rule ipvsadm -Sn saves for it (and takes
     * to make it, where ipvsadm can), and the Forward column of ipvsadm -Ln.
     */
    static Stream<Arguments> realServers() {
        return Stream.of(
                rs("masquerade", WEB, RealServer.builder(ip("10.0.1.1"), 8080).masquerade().weight(5).build(),
                        "-a -t 10.0.0.1:80 -r 10.0.1.1:8080 -m -w 5", "Masq"),
                rs("direct route", WEB, RealServer.builder(ip("10.0.1.2"), 80).directRoute().build(),
                        "-a -t 10.0.0.1:80 -r 10.0.1.2:80 -g -w 1", "Route"),
                rs("tunnel ipip", WEB, RealServer.builder(ip("10.0.1.3"), 80).forwarding(ForwardingMethod.TUNNEL).build(),
                        "-a -t 10.0.0.1:80 -r 10.0.1.3:80 -i -w 1 --tun-type ipip", "Tunnel"),
                rs("tunnel gue, no checksum", WEB, RealServer.builder(ip("10.0.1.4"), 80).tunnel(TunnelOptions.gue(6080)).build(),
                        "-a -t 10.0.0.1:80 -r 10.0.1.4:80 -i -w 1 --tun-type gue --tun-port 6080 --tun-nocsum", "Tunnel"),
                rs("tunnel gue, checksum", WEB, RealServer.builder(ip("10.0.1.5"), 80)
                                .tunnel(TunnelOptions.gue(6081, TunnelFlag.CSUM)).build(),
                        "-a -t 10.0.0.1:80 -r 10.0.1.5:80 -i -w 1 --tun-type gue --tun-port 6081 --tun-csum", "Tunnel"),
                rs("tunnel gue, remote checksum", WEB, RealServer.builder(ip("10.0.1.6"), 80)
                                .tunnel(TunnelOptions.gue(65535, TunnelFlag.REMCSUM)).build(),
                        "-a -t 10.0.0.1:80 -r 10.0.1.6:80 -i -w 1 --tun-type gue --tun-port 65535 --tun-remcsum", "Tunnel"),
                rs("tunnel gre, no checksum", WEB, RealServer.builder(ip("10.0.1.7"), 80).tunnel(TunnelOptions.gre()).build(),
                        "-a -t 10.0.0.1:80 -r 10.0.1.7:80 -i -w 1 --tun-type gre --tun-nocsum", "Tunnel"),
                rs("tunnel gre, checksum", WEB, RealServer.builder(ip("10.0.1.8"), 80)
                                .tunnel(TunnelOptions.gre(TunnelFlag.CSUM)).build(),
                        "-a -t 10.0.0.1:80 -r 10.0.1.8:80 -i -w 1 --tun-type gre --tun-csum", "Tunnel"),
                rs("weight 0", WEB, RealServer.builder(ip("10.0.1.10"), 80).masquerade().weight(0).build(),
                        "-a -t 10.0.0.1:80 -r 10.0.1.10:80 -m -w 0", "Masq"),
                rs("large weight", WEB, RealServer.builder(ip("10.0.1.11"), 80).masquerade().weight(65535).build(),
                        "-a -t 10.0.0.1:80 -r 10.0.1.11:80 -m -w 65535", "Masq"),
                rs("IPv6 masquerade", WEB6, RealServer.builder(ip("2001:db8::10"), 8080).masquerade().weight(2).build(),
                        "-a -t [2001:db8::1]:80 -r [2001:db8::10]:8080 -m -w 2", "Masq"),
                rs("IPv6 direct route", WEB6, RealServer.builder(ip("2001:db8::11"), 80).build(),
                        "-a -t [2001:db8::1]:80 -r [2001:db8::11]:80 -g -w 1", "Route"),
                rs("IPv4 behind IPv6, tunnel", WEB6, RealServer.builder(ip("10.0.1.9"), 80)
                                .forwarding(ForwardingMethod.TUNNEL).build(),
                        "-a -t [2001:db8::1]:80 -r 10.0.1.9:80 -i -w 1 --tun-type ipip", "Tunnel"),
                rs("IPv6 behind IPv4, tunnel gue", WEB, RealServer.builder(ip("2001:db8::12"), 80)
                                .tunnel(TunnelOptions.gue(6080, TunnelFlag.CSUM)).build(),
                        "-a -t 10.0.0.1:80 -r [2001:db8::12]:80 -i -w 1 --tun-type gue --tun-port 6080 --tun-csum", "Tunnel"));
    }

    private static Arguments rs(String name, ServiceKey service, RealServer server, String rule, String forward) {
        return arguments(Named.of(name, server), service, rule, forward);
    }

    /** The service the real servers go into; made by the API, since it is not what these tests are about. */
    private static void addService(KernelNamespace ns, ServiceKey service) {
        ns.ipvs().addService(VirtualService.builder(service).scheduler(Scheduler.RR).build());
    }

    private static String serviceRule(ServiceKey service) {
        return service.equals(WEB) ? "-A -t 10.0.0.1:80 -s rr" : "-A -t [2001:db8::1]:80 -s rr";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realServers")
    void realServerAddedByTheApiIsWhatIpvsadmSaves(RealServer server, ServiceKey service, String rule, String forward,
            KernelNamespace ns) {
        addService(ns, service);

        ns.ipvs().addRealServer(service, server);

        assertEquals(List.of(serviceRule(service), rule), ns.ipvsadmSave());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realServers")
    void realServerAddedByIpvsadmIsWhatTheApiReads(RealServer server, ServiceKey service, String rule, String forward,
            KernelNamespace ns) {
        addService(ns, service);

        ns.ipvsadm(rule.split(" "));

        assertEquals(List.of(new RealServerEntry(server, 0, 0, 0, Stats.ZERO)), ns.ipvs().realServers(service));
    }

    @Test
    void everyForwardingMethodIsListedWithIpvsadmsWordForIt(KernelNamespace ns) {
        addService(ns, WEB);
        addService(ns, WEB6);
        List<Arguments> cases = realServers().toList();
        for (Arguments a : cases) {
            ns.ipvs().addRealServer((ServiceKey) a.get()[1], (RealServer) ((Named<?>) a.get()[0]).getPayload());
        }

        IpvsadmListing listing = IpvsadmListing.parse(ns.ipvsadm("-Ln"));

        for (Arguments a : cases) {
            RealServer server = (RealServer) ((Named<?>) a.get()[0]).getPayload();
            assertEquals(a.get()[3], listing.realServer(a.get()[1].toString(), server.key().toString()).columns().get(0),
                    ((Named<?>) a.get()[0]).getName());
        }
    }

    @Test
    void localForwardingIsWhatIpvsadmListsAsLocal(KernelNamespace ns) {
        // ipvsadm has no option for LOCAL; it saves it as -g and lists it as "Local".
        addService(ns, WEB);
        RealServer local = RealServer.builder(ip("10.0.1.20"), 80).forwarding(ForwardingMethod.LOCAL).weight(3).build();

        ns.ipvs().addRealServer(WEB, local);

        assertEquals(List.of("-A -t 10.0.0.1:80 -s rr", "-a -t 10.0.0.1:80 -r 10.0.1.20:80 -g -w 3"), ns.ipvsadmSave());
        assertEquals(List.of("Local", "3", "0", "0"),
                IpvsadmListing.parse(ns.ipvsadm("-Ln")).realServer("TCP 10.0.0.1:80", "10.0.1.20:80").columns());
        assertEquals(local, ns.ipvs().realServers(WEB).get(0).server());
    }

    @Test
    void tunnelBothChecksumFlagsAreReadBack(KernelNamespace ns) {
        addService(ns, WEB);
        RealServer server = RealServer.builder(ip("10.0.1.4"), 80)
                .tunnel(TunnelOptions.gue(6080, TunnelFlag.CSUM, TunnelFlag.REMCSUM)).build();

        ns.ipvs().addRealServer(WEB, server);

        assertEquals(server, ns.ipvs().realServers(WEB).get(0).server());
        // ipvsadm 1.31 has no words for both flags at once: -Ln --tun-info prints "gue:6080:(null)" and
        // -Sn crashes (SIGSEGV). Plain -Ln still lists the real server.
        assertEquals(List.of("Tunnel", "1", "0", "0"),
                IpvsadmListing.parse(ns.ipvsadm("-Ln")).realServer("TCP 10.0.0.1:80", "10.0.1.4:80").columns());
    }

    @Test
    void thresholdsSetByTheApiAreWhatIpvsadmLists(KernelNamespace ns) {
        addService(ns, WEB);

        ns.ipvs().addRealServer(WEB, RealServer.builder(ip("10.0.1.1"), 80).masquerade()
                .upperThreshold(100).lowerThreshold(10).build());

        IpvsadmListing.Row row = IpvsadmListing.parse(ns.ipvsadm("-Ln", "--thresholds"))
                .realServer("TCP 10.0.0.1:80", "10.0.1.1:80");
        assertEquals(List.of("100", "10", "0", "0"), row.columns());
    }

    @Test
    void thresholdsSetByIpvsadmAreWhatTheApiReads(KernelNamespace ns) {
        addService(ns, WEB);

        ns.ipvsadm("-a", "-t", "10.0.0.1:80", "-r", "10.0.1.1:80", "-m", "-w", "4", "-x", "200", "-y", "20");

        assertEquals(RealServer.builder(ip("10.0.1.1"), 80).masquerade().weight(4).upperThreshold(200).lowerThreshold(20)
                .build(), ns.ipvs().realServers(WEB).get(0).server());
    }

    @Test
    void editChangesForwardingWeightAndThresholds(KernelNamespace ns) {
        addService(ns, WEB);
        ns.ipvsadm("-a", "-t", "10.0.0.1:80", "-r", "10.0.1.1:80", "-m", "-w", "1");

        ns.ipvs().editRealServer(WEB, RealServer.builder(ip("10.0.1.1"), 80)
                .tunnel(TunnelOptions.gre(TunnelFlag.CSUM)).weight(9).upperThreshold(50).lowerThreshold(5).build());

        assertEquals(List.of("-A -t 10.0.0.1:80 -s rr",
                "-a -t 10.0.0.1:80 -r 10.0.1.1:80 -i -w 9 --tun-type gre --tun-csum"), ns.ipvsadmSave());
        assertEquals(List.of("50", "5", "0", "0"), IpvsadmListing.parse(ns.ipvsadm("-Ln", "--thresholds"))
                .realServer("TCP 10.0.0.1:80", "10.0.1.1:80").columns());
    }

    @Test
    void editWeightToZeroQuiesces(KernelNamespace ns) {
        addService(ns, WEB);
        ns.ipvsadm("-a", "-t", "10.0.0.1:80", "-r", "10.0.1.1:80", "-m", "-w", "5");
        RealServer server = ns.ipvs().realServers(WEB).get(0).server();

        ns.ipvs().editRealServer(WEB, server.withWeight(0));

        assertEquals(List.of("-A -t 10.0.0.1:80 -s rr", "-a -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 0"), ns.ipvsadmSave());
    }

    @Test
    void deleteRemovesOnlyThatRealServer(KernelNamespace ns) {
        addService(ns, WEB6);
        ns.ipvsadm("-a", "-t", "[2001:db8::1]:80", "-r", "[2001:db8::10]:80", "-m");
        ns.ipvsadm("-a", "-t", "[2001:db8::1]:80", "-r", "[2001:db8::10]:81", "-m");
        ns.ipvsadm("-a", "-t", "[2001:db8::1]:80", "-r", "10.0.1.9:80", "-i");

        ns.ipvs().deleteRealServer(WEB6, new RealServerAddress(ip("2001:db8::10"), 80));
        ns.ipvs().deleteRealServer(WEB6, new RealServerAddress(ip("10.0.1.9"), 80));

        assertEquals(List.of("-A -t [2001:db8::1]:80 -s rr", "-a -t [2001:db8::1]:80 -r [2001:db8::10]:81 -m -w 1"),
                ns.ipvsadmSave());
    }

    @Test
    void listHasEveryRealServerOfTheService(KernelNamespace ns) {
        addService(ns, WEB);
        ns.ipvsadm("-A", "-t", "10.0.0.2:80", "-s", "rr");
        ns.ipvsadm("-a", "-t", "10.0.0.2:80", "-r", "10.0.2.1:80", "-m");
        List<RealServer> servers = realServers().filter(a -> a.get()[1].equals(WEB))
                .map(a -> (RealServer) ((Named<?>) a.get()[0]).getPayload()).toList();
        servers.forEach(s -> ns.ipvs().addRealServer(WEB, s));

        List<RealServerEntry> listed = ns.ipvs().realServers(WEB);

        assertEquals(Set.copyOf(servers), listed.stream().map(RealServerEntry::server).collect(Collectors.toSet()));
        assertEquals(servers.size(), listed.size());
    }

    @Test
    void realServersOfAFirewallMarkService(KernelNamespace ns) {
        ServiceKey mark = ServiceKey.fwmark(77, AddressFamily.INET6);
        ns.ipvsadm("-A", "-f", "77", "-6", "-s", "rr");
        RealServer server = RealServer.builder(ip("2001:db8::10"), 0).masquerade().build();

        ns.ipvs().addRealServer(mark, server);

        assertEquals(List.of("-A -f 77 -6 -s rr", "-a -f 77 -6 -r [2001:db8::10]:0 -m -w 1"),
                ns.ipvsadmSave());
        assertEquals(List.of(server), ns.ipvs().realServers(mark).stream().map(RealServerEntry::server).toList());
    }

    @Test
    void realServersOfAMissingServiceAreAnEmptyList(KernelNamespace ns) {
        // ip_vs_genl_dump_dests ends the dump without error when the service does not exist.
        assertEquals(List.of(), ns.ipvs().realServers(WEB));
    }
}
