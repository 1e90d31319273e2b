package io.jlvs.cli.jlvsadm;

import static io.jlvs.cli.jlvsadm.Fixtures.entry;
import static io.jlvs.cli.jlvsadm.Fixtures.fmt;
import static io.jlvs.cli.jlvsadm.Fixtures.ip;
import static io.jlvs.cli.jlvsadm.Fixtures.server;
import static io.jlvs.cli.jlvsadm.Fixtures.service;
import static io.jlvs.cli.jlvsadm.Fixtures.table;
import static io.jlvs.cli.jlvsadm.Fixtures.tcp;
import static io.jlvs.cli.jlvsadm.Fixtures.udp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlvs.ipvs.AddressFamily;
import io.jlvs.ipvs.Protocol;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.SchedulerFlag;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.Stats;
import io.jlvs.ipvs.TunnelFlag;
import io.jlvs.ipvs.TunnelOptions;
import io.jlvs.ipvs.VirtualService;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Given services and real servers, the exact text ipvsadm 1.31 prints for them. The expected text was
 * produced with ipvsadm's printf formats (widths, trailing blanks and all), independently of the code.
 */
class TableTextTest {

    /** The table of the default listing, in a kernel order that is not ipvsadm's. */
    private static Table mixedTable() {
        VirtualService web = VirtualService.builder(tcp("10.0.0.1", 80)).build();
        VirtualService dns = VirtualService.builder(udp("10.0.0.1", 53)).scheduler(Scheduler.RR).onePacket(true).build();
        VirtualService sip = VirtualService.builder(ServiceKey.sctp(ip("10.0.0.9"), 5060)).scheduler(Scheduler.RR)
                .schedulerFlags(SchedulerFlag.FLAG_1).build();
        VirtualService web6 = VirtualService.builder(ServiceKey.tcp(ip("2001:db8::1"), 443))
                .persistent(Duration.ofSeconds(60), 64).persistenceEngine("sip").build();
        VirtualService mark5 = VirtualService.builder(ServiceKey.fwmark(5, AddressFamily.INET)).scheduler(Scheduler.SH)
                .schedulerFlags(SchedulerFlag.SH_FALLBACK, SchedulerFlag.SH_PORT).persistent(Duration.ofSeconds(300), 24).build();
        VirtualService mark6 = VirtualService.builder(ServiceKey.fwmark(6, AddressFamily.INET6)).scheduler(Scheduler.RR).build();
        return table(
                entry(service(mark6)),
                entry(service(web6), server(RealServer.builder(ip("2001:db8::2"), 443).masquerade().build())),
                entry(service(mark5), server(RealServer.builder(ip("10.0.0.4"), 0).tunnel(TunnelOptions.IPIP).build())),
                entry(service(sip)),
                entry(service(dns), server(RealServer.builder(ip("10.0.0.2"), 53).build())),
                entry(service(web),
                        server(RealServer.builder(ip("10.0.0.3"), 80).masquerade().build()),
                        server(RealServer.builder(ip("10.0.0.2"), 80).masquerade().weight(2).build(), 5, 7, 0, Stats.ZERO)));
    }

    @Test
    void defaultListingInIpvsadmsOrder() {
        assertEquals(""
                + "IP Virtual Server version 1.2.1 (size=4096)\n"
                + "Prot LocalAddress:Port Scheduler Flags\n"
                + "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n"
                + "TCP  10.0.0.1:80 wlc\n"
                + "  -> 10.0.0.2:80                  Masq    2      5          7         \n"
                + "  -> 10.0.0.3:80                  Masq    1      0          0         \n"
                + "UDP  10.0.0.1:53 rr ops\n"
                + "  -> 10.0.0.2:53                  Route   1      0          0         \n"
                + "SCTP 10.0.0.9:5060 rr (flag-1)\n"
                + "TCP  [2001:db8::1]:443 wlc persistent 60 mask 64 pe sip\n"
                + "  -> [2001:db8::2]:443            Masq    1      0          0         \n"
                + "FWM  5 sh (sh-fallback,sh-port) persistent 300 mask 255.255.255.0\n"
                + "  -> 10.0.0.4:0                   Tunnel  1      0          0         \n"
                + "FWM  6 IPv6 rr\n",
                new TableText(fmt(ListFormat.NUMERIC), Names.numeric()).all(mixedTable()));
    }

    @Test
    void nosortKeepsTheKernelsOrder() {
        String text = new TableText(fmt(ListFormat.NUMERIC, ListFormat.NOSORT), Names.numeric()).all(mixedTable());
        String[] lines = text.split("\n");
        assertEquals("FWM  6 IPv6 rr", lines[3]);
        assertEquals("  -> 10.0.0.3:80                  Masq    1      0          0         ", lines[12]);
    }

    private static Table statsTable() {
        Stats serviceStats = new Stats(123, 1_234_567_890L, 0, 123_456_789_012L, 99_999_999L, 3, 100, 0, 123_456_789L, 5);
        // 2^32 + 5 connections: ipvsadm shows a real server's counters (not its byte counts) modulo 2^32
        Stats serverStats = new Stats(0x1_0000_0005L, 100_000_000L, 7, 5_000_000_000L, 10, 3, 100, 0, 123_456_789L, 5);
        return table(entry(service(VirtualService.builder(tcp("10.0.0.1", 80)).build(), serviceStats),
                server(RealServer.builder(ip("10.0.0.2"), 80).masquerade().build(), 0, 0, 0, serverStats)));
    }

    @Test
    void stats() {
        assertEquals(""
                + "IP Virtual Server version 1.2.1 (size=4096)\n"
                + "Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes\n"
                + "  -> RemoteAddress:Port\n"
                + "TCP  10.0.0.1:80                       123    1234M        0     123G 99999999\n"
                + "  -> 10.0.0.2:80                         5  100000K        7    5000M       10\n",
                new TableText(fmt(ListFormat.NUMERIC, ListFormat.STATS), Names.numeric()).all(statsTable()));
    }

    @Test
    void statsExact() {
        assertEquals(""
                + "IP Virtual Server version 1.2.1 (size=4096)\n"
                + "Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes\n"
                + "  -> RemoteAddress:Port\n"
                + "TCP  10.0.0.1:80                       123 1234567890        0 123456789012 99999999\n"
                + "  -> 10.0.0.2:80                         5 100000000        7 5000000000       10\n",
                new TableText(fmt(ListFormat.NUMERIC, ListFormat.STATS, ListFormat.EXACT), Names.numeric()).all(statsTable()));
    }

    @Test
    void rate() {
        assertEquals(""
                + "IP Virtual Server version 1.2.1 (size=4096)\n"
                + "Prot LocalAddress:Port                 CPS    InPPS   OutPPS    InBPS   OutBPS\n"
                + "  -> RemoteAddress:Port\n"
                + "TCP  10.0.0.1:80                         3      100        0  123456K        5\n"
                + "  -> 10.0.0.2:80                         3      100        0  123456K        5\n",
                new TableText(fmt(ListFormat.NUMERIC, ListFormat.RATE), Names.numeric()).all(statsTable()));
    }

    @Test
    void thresholds() {
        Table t = table(entry(service(VirtualService.builder(tcp("10.0.0.1", 80)).build()),
                server(RealServer.builder(ip("10.0.0.2"), 80).upperThreshold(100).lowerThreshold(10).build(), 3, 4, 0, Stats.ZERO)));
        assertEquals(""
                + "IP Virtual Server version 1.2.1 (size=4096)\n"
                + "Prot LocalAddress:Port            Uthreshold Lthreshold ActiveConn InActConn \n"
                + "  -> RemoteAddress:Port\n"
                + "TCP  10.0.0.1:80 wlc\n"
                + "  -> 10.0.0.2:80                  100        10         3          4         \n",
                new TableText(fmt(ListFormat.NUMERIC, ListFormat.THRESHOLDS), Names.numeric()).all(t));
    }

    @Test
    void persistentConnections() {
        Table t = table(entry(service(VirtualService.builder(tcp("10.0.0.1", 80)).persistent(Duration.ofSeconds(360)).build()),
                server(RealServer.builder(ip("10.0.0.2"), 80).weight(2).build(), 3, 4, 9, Stats.ZERO)));
        assertEquals(""
                + "IP Virtual Server version 1.2.1 (size=4096)\n"
                + "Prot LocalAddress:Port            Weight    PersistConn ActiveConn InActConn \n"
                + "  -> RemoteAddress:Port\n"
                + "TCP  10.0.0.1:80 wlc persistent 360\n"
                + "  -> 10.0.0.2:80                  2         9           3          4         \n",
                new TableText(fmt(ListFormat.NUMERIC, ListFormat.PERSISTENT_CONN), Names.numeric()).all(t));
    }

    @Test
    void tunnelInfo() {
        Table t = table(entry(service(VirtualService.builder(tcp("10.0.0.1", 80)).build()),
                server(RealServer.builder(ip("10.0.0.5"), 80).masquerade().build()),
                server(RealServer.builder(ip("10.0.0.4"), 80).tunnel(TunnelOptions.IPIP).build()),
                server(RealServer.builder(ip("10.0.0.3"), 80).tunnel(TunnelOptions.gre()).build()),
                server(RealServer.builder(ip("10.0.0.2"), 80).tunnel(TunnelOptions.gue(6080, TunnelFlag.CSUM)).build())));
        assertEquals(""
                + "IP Virtual Server version 1.2.1 (size=4096)\n"
                + "Prot LocalAddress:Port Scheduler Flags\n"
                + "  -> RemoteAddress:Port           Forward TunnelInfo    Weight ActiveConn InActConn\n"
                + "TCP  10.0.0.1:80 wlc\n"
                + "  -> 10.0.0.2:80                  Tunnel  gue:6080:+c   1      0          0         \n"
                + "  -> 10.0.0.3:80                  Tunnel  gre:-c        1      0          0         \n"
                + "  -> 10.0.0.4:80                  Tunnel  ipip          1      0          0         \n"
                + "  -> 10.0.0.5:80                  Masq    n/a           1      0          0         \n",
                new TableText(fmt(ListFormat.NUMERIC, ListFormat.TUN_INFO), Names.numeric()).all(t));
    }

    @Test
    void oneServiceHasNoVersionHeader() {
        Table.Service s = entry(service(VirtualService.builder(tcp("10.0.0.1", 80)).build()));
        assertEquals("Prot LocalAddress:Port Scheduler Flags\n"
                + "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n"
                + "TCP  10.0.0.1:80 wlc\n", new TableText(fmt(ListFormat.NUMERIC), Names.numeric()).one(s));
    }

    @Test
    void namesAreCutToIpvsadmsColumns() {
        String longName = "a-rather-long-host-name.example.org";
        Names names = new FakeNames(Map.of(ip("10.0.0.1"), longName, ip("10.0.0.2"), longName), Fixtures.services());
        Table.Service s = entry(service(VirtualService.builder(tcp("10.0.0.1", 80)).build()),
                server(RealServer.builder(ip("10.0.0.2"), 80).masquerade().build()),
                server(RealServer.builder(ip("10.0.0.3"), 8080).masquerade().build()));
        assertEquals(""
                + "TCP  a-rather-long-host-name.exam wlc\n"
                + "  -> a-rather-long-host-name.exam Masq    1      0          0         \n"
                + "  -> 10.0.0.3:8080                Masq    1      0          0         \n",
                new TableText(fmt(), names).service(s));
    }

    @Test
    void fwmarkAboveTwoToThe31ShowsNegativeAsDebiansIpvsadmDoes() {
        VirtualService vs = VirtualService.builder(ServiceKey.fwmark(0x8000_0001, AddressFamily.INET)).build();
        assertEquals("FWM  -2147483647 wlc\n", new TableText(fmt(ListFormat.NUMERIC), Names.numeric()).service(entry(service(vs))));
    }

    @Test
    void shWithOnlyTheThirdFlagPrintsEmptyParentheses() {
        VirtualService vs = VirtualService.builder(tcp("10.0.0.1", 80)).scheduler(Scheduler.SH)
                .schedulerFlags(SchedulerFlag.FLAG_3).build();
        assertEquals("TCP  10.0.0.1:80 sh ()\n", new TableText(fmt(ListFormat.NUMERIC), Names.numeric()).service(entry(service(vs))));
    }

    /** Host names from a map, ports from a services database. */
    static final class FakeNames extends Names {
        private final Map<InetAddress, String> hosts;
        private final ServicesDatabase services;

        FakeNames(Map<InetAddress, String> hosts, ServicesDatabase services) {
            this.hosts = hosts;
            this.services = services;
        }

        @Override
        String host(InetAddress address) {
            return hosts.getOrDefault(address, InetNtop.format(address));
        }

        @Override
        String port(int port, Protocol protocol) {
            String name = services.name(port, protocol);
            return name == null ? Integer.toString(port) : name;
        }
    }
}
