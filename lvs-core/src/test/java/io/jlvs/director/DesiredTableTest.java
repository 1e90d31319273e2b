package io.jlvs.director;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jlvs.config.ConfigException;
import io.jlvs.config.Configuration;
import io.jlvs.config.LvsCf;
import io.jlvs.ipvs.AddressFamily;
import io.jlvs.ipvs.ForwardingMethod;
import io.jlvs.ipvs.Persistence;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerAddress;
import io.jlvs.ipvs.SchedulerFlag;
import io.jlvs.ipvs.TunnelFlag;
import io.jlvs.ipvs.TunnelOptions;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.VirtualService;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The configuration and the health of its servers make the desired table, by Piranha's rules. */
class DesiredTableTest {
    static final ServiceKey WEB = ServiceKey.tcp(ReconcilerPlanTest.ip("10.23.8.80"), 80);

    static Configuration config(String text) throws ConfigException {
        return LvsCf.parse("lvs.cf", text).configuration();
    }

    static final String NAT = """
            network = nat
            nat_router = 10.11.12.10 eth1:1
            virtual web {
                 address = 10.23.8.80 eth0:1
                 port = 80
                 scheduler = rr
                 persistent = 60
                 pmask = 255.255.255.0
                 %s
                 server a {
                     address = 10.11.12.1
                     weight = 3
                 }
                 server b {
                     address = 10.11.12.2
                     port = 8080
                 }
                 server c {
                     address = 10.11.12.3
                     active = 0
                 }
            }
            virtual off {
                 active = 0
                 address = 10.23.8.81
                 port = 80
            }
            """;

    static RealServer masq(String address, int port, int weight) {
        return RealServer.builder(ReconcilerPlanTest.ip(address), port).masquerade().weight(weight).build();
    }

    @Test
    void theConfigurationWithEveryServerUp() throws Exception {
        DesiredTable table = DesiredTable.from(config(NAT.formatted("")));
        assertEquals(Set.of(WEB), table.services().keySet(), "inactive virtual servers are left out");
        TableService web = table.service(WEB).orElseThrow();
        assertEquals(VirtualService.builder(WEB).scheduler("rr").persistence(new Persistence(Duration.ofSeconds(60), 24))
                .build(), web.service());
        assertEquals(List.of(masq("10.11.12.1", 80, 3), masq("10.11.12.2", 8080, 1)),
                List.copyOf(web.realServers().values()), "inactive servers are left out; port defaults to the VIP's");
    }

    @Test
    void aFailedServerIsRemovedOrQuiesced() throws Exception {
        ServerHealthView aDown = (v, s) -> !s.name().equals("a");
        assertEquals(List.of(masq("10.11.12.2", 8080, 1)),
                List.copyOf(DesiredTable.from(config(NAT.formatted("")), aDown).service(WEB).orElseThrow()
                        .realServers().values()));
        assertEquals(List.of(masq("10.11.12.1", 80, 0), masq("10.11.12.2", 8080, 1)),
                List.copyOf(DesiredTable.from(config(NAT.formatted("quiesce_server = 1")), aDown).service(WEB)
                        .orElseThrow().realServers().values()));
    }

    @Test
    void aServersOwnQuiesceServerWinsOverItsVirtuals() throws Exception {
        ServerHealthView bothDown = (v, s) -> false;
        String ownKeys = NAT.replace("weight = 3\n", "weight = 3\n         quiesce_server = 1\n")
                .replace("port = 8080\n", "port = 8080\n         quiesce_server = 0\n");
        assertEquals(List.of(masq("10.11.12.1", 80, 0)),
                List.copyOf(DesiredTable.from(config(ownKeys.formatted("")), bothDown).service(WEB).orElseThrow()
                        .realServers().values()), "a keeps weight 0 although its virtual removes failed servers");
        assertEquals(List.of(masq("10.11.12.1", 80, 0)),
                List.copyOf(DesiredTable.from(config(ownKeys.formatted("quiesce_server = 1")), bothDown).service(WEB)
                        .orElseThrow().realServers().values()), "b is removed although its virtual quiesces");
    }

    @Test
    void theSorryServerJoinsOnlyWhenNoServerIsUp() throws Exception {
        Configuration c = config(NAT.formatted("sorry_server = 10.11.12.99"));
        assertEquals(2, DesiredTable.from(c).realServerCount());
        assertEquals(List.of(masq("10.11.12.99", 80, 1)),
                List.copyOf(DesiredTable.from(c, (v, s) -> false).service(WEB).orElseThrow().realServers().values()));
    }

    @Test
    void forwardingFollowsNetworkOrTheServicesForward() throws Exception {
        Configuration c = config("""
                network = direct
                virtual web {
                     address = 10.23.8.80
                     port = 80
                     server a {
                         address = 10.11.12.1
                     }
                }
                virtual tun {
                     address = 10.23.8.80
                     port = 443
                     forward = tunnel
                     server a {
                         address = 10.11.12.1
                     }
                }
                """);
        DesiredTable t = DesiredTable.from(c);
        RealServerAddress a80 = new RealServerAddress(ReconcilerPlanTest.ip("10.11.12.1"), 80);
        RealServerAddress a443 = new RealServerAddress(ReconcilerPlanTest.ip("10.11.12.1"), 443);
        assertEquals(ForwardingMethod.DIRECT_ROUTE, t.realServer(WEB, a80).orElseThrow().forwarding());
        assertEquals(ForwardingMethod.TUNNEL, t.realServer(ServiceKey.tcp(ReconcilerPlanTest.ip("10.23.8.80"), 443), a443)
                .orElseThrow().forwarding());
    }

    @Test
    void virtualServersSharingAFwmarkAreOneServiceWithTheUnionOfServers() throws Exception {
        Configuration c = config("""
                virtual http {
                     address = 10.23.8.80
                     port = 80
                     fwmark = 100
                     persistent = 300
                     server a {
                         address = 10.11.12.1
                     }
                }
                virtual https {
                     address = 10.23.8.80
                     port = 443
                     fwmark = 100
                     persistent = 300
                     server a {
                         address = 10.11.12.1
                     }
                     server b {
                         address = 10.11.12.2
                     }
                }
                """);
        ServiceKey mark = ServiceKey.fwmark(100, AddressFamily.INET);
        DesiredTable all = DesiredTable.from(c);
        assertEquals(Set.of(mark), all.services().keySet());
        assertEquals(2, all.realServerCount());
        assertEquals(0, all.service(mark).orElseThrow().realServers().keySet().iterator().next().port(),
                "a firewall-mark service's real servers keep the packet's port");
        DesiredTable httpsDown = DesiredTable.from(c, (v, s) -> !(v.name().equals("https") && s.name().equals("a")));
        assertEquals(1, httpsDown.realServerCount(), "a server down in any of the sharing virtual servers is down");
    }

    @Test
    void weightAndRemovalEdits() throws Exception {
        DesiredTable t = DesiredTable.from(config(NAT.formatted("")));
        RealServerAddress a = new RealServerAddress(ReconcilerPlanTest.ip("10.11.12.1"), 80);
        assertEquals(0, t.withWeight(WEB, a, 0).realServer(WEB, a).orElseThrow().weight());
        assertEquals(1, t.withoutRealServer(WEB, a).realServerCount());
        assertEquals(3, t.realServer(WEB, a).orElseThrow().weight(), "tables are immutable");
        assertThrows(IllegalArgumentException.class,
                () -> t.withWeight(WEB, new RealServerAddress(ReconcilerPlanTest.ip("10.9.9.9"), 80), 1));
    }

    @Test
    void schedulerFlagsOnePacketThresholdsAndTunnelOptionsReachTheKernelTable() throws Exception {
        Configuration c = config("""
                network = tunnel
                virtual dns {
                     address = 10.23.8.80
                     port = domain
                     protocol = udp
                     scheduler = sh
                     scheduler_flags = sh-fallback,sh-port
                     one_packet = 1
                     tunnel_type = gue
                     tunnel_port = 6080
                     tunnel_checksum = remcsum
                     server a {
                         address = 10.11.12.1
                         u_threshold = 100
                         l_threshold = 80
                     }
                     sorry_server = 10.11.12.99
                }
                """);
        ServiceKey dns = ServiceKey.udp(ReconcilerPlanTest.ip("10.23.8.80"), 53);
        DesiredTable t = DesiredTable.from(c);
        VirtualService vs = t.service(dns).orElseThrow().service();
        assertEquals(Set.of(SchedulerFlag.SH_FALLBACK, SchedulerFlag.SH_PORT), vs.schedulerFlags());
        assertEquals(true, vs.onePacket());
        RealServer a = t.realServer(dns, new RealServerAddress(ReconcilerPlanTest.ip("10.11.12.1"), 53)).orElseThrow();
        assertEquals(List.of(100, 80), List.of(a.upperThreshold(), a.lowerThreshold()));
        assertEquals(Optional.of(TunnelOptions.gue(6080, TunnelFlag.REMCSUM)), a.tunnel());
        // the sorry server is tunnelled the same way
        DesiredTable allDown = DesiredTable.from(c, (v, s) -> false);
        RealServer sorry = allDown.service(dns).orElseThrow().realServers().values().iterator().next();
        assertEquals(Optional.of(TunnelOptions.gue(6080, TunnelFlag.REMCSUM)), sorry.tunnel());
    }
}
