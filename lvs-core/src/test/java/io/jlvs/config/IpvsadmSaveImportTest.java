package io.jlvs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jlvs.ipvs.AddressFamily;
import io.jlvs.ipvs.Protocol;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.SchedulerFlag;
import io.jlvs.ipvs.TunnelFlag;
import io.jlvs.ipvs.TunnelOptions;
import io.jlvs.ipvs.ServiceKey;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ipvsadm-save output into the lvs.cf model; what lvs.cf cannot hold is reported by option and line. */
class IpvsadmSaveImportTest {

    static final String SAVE = """
            -A -t 10.0.0.1:80 -s wlc
            -a -t 10.0.0.1:80 -r 10.0.1.1:80 -g -w 1
            -a -t 10.0.0.1:80 -r 10.0.1.2:80 -g -w 3
            -A -u 10.0.0.1:53 -s rr -p 120 -M 255.255.255.0 -o
            -a -u 10.0.0.1:53 -r 10.0.2.1:5353 -m -w 2 -x 100 -y 10
            -A -f 7 -s sh -b sh-port
            -a -f 7 -r 10.0.3.1:0 -i -w 1 --tun-type gue --tun-port 6080 --tun-remcsum
            -A -t [2001:db8::1]:443 -s lc --persistent 60
            -a -t [2001:db8::1]:443 -r [2001:db8::10]:443 -g -w 1
            """;

    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void everyServiceAndRealServerIsImported() throws Exception {
        ParsedConfiguration parsed = Importers.ipvsadmSave("rules", SAVE);
        Configuration c = parsed.configuration();
        assertEquals(NetworkMode.DIRECT, c.cluster().network(), "the method most services use");
        assertEquals(List.of("tcp_10_0_0_1_80", "udp_10_0_0_1_53", "fwm_7", "tcp_2001_db8_0_0_0_0_0_1_443"),
                c.virtualServers().stream().map(VirtualServerConfig::name).toList());

        VirtualServerConfig web = c.virtualServers().get(0);
        assertEquals(ServiceKey.tcp(ip("10.0.0.1"), 80), web.serviceKey());
        assertEquals(Scheduler.WLC, web.scheduler());
        assertEquals(Optional.empty(), web.forward());
        assertEquals(List.of(3), web.realServers().stream().skip(1).map(RealServerConfig::weight).toList());
        assertEquals(0, web.realServers().get(0).port(), "the VIP's port is lvs.cf's default");

        VirtualServerConfig dns = c.virtualServers().get(1);
        assertEquals(Protocol.UDP, dns.protocol());
        assertEquals(Optional.of(Duration.ofSeconds(120)), dns.persistent());
        assertEquals(24, dns.persistenceNetmaskPrefix());
        assertEquals(Optional.of(NetworkMode.NAT), dns.forward());
        assertEquals(5353, dns.realServers().get(0).port());
        assertEquals(2, dns.realServers().get(0).weight());
        assertEquals(100, dns.realServers().get(0).upperThreshold(), "-x");
        assertEquals(10, dns.realServers().get(0).lowerThreshold(), "-y");
        assertTrue(dns.options().onePacket(), "-o");

        VirtualServerConfig mark = c.virtualServers().get(2);
        assertEquals(ServiceKey.fwmark(7, AddressFamily.INET), mark.serviceKey());
        assertEquals(Optional.of(NetworkMode.TUNNEL), mark.forward());
        assertEquals(Set.of(SchedulerFlag.SH_PORT), mark.options().schedulerFlags(), "-b");
        assertEquals(Optional.of(TunnelOptions.gue(6080, TunnelFlag.REMCSUM)), mark.options().tunnel(), "--tun-*");

        VirtualServerConfig v6 = c.virtualServers().get(3);
        assertEquals(Optional.of(Duration.ofSeconds(60)), v6.persistent());
        assertEquals(128, v6.persistenceNetmaskPrefix());

        assertEquals(List.of(
                "rules:6: warning: address: firewall-mark service 7 names no VIP; set 'address' in virtual fwm_7 before use",
                "rules: warning: nat_router: NAT services were imported; add nat_router (the real servers' gateway "
                        + "address and device) before use"),
                parsed.warnings().stream().map(Diagnostic::toString).toList());
    }

    @Test
    void theImportWritesAsLvsCfThatReadsBack() throws Exception {
        Configuration imported = Importers.ipvsadmSave("rules", SAVE).configuration();
        String text = LvsCf.write(imported).replace("network = direct", "network = direct\nnat_router = 10.0.2.254 eth1:1");
        Configuration reread = LvsCf.parse("lvs.cf", text).configuration();
        assertEquals(imported.virtualServers().size(), reread.virtualServers().size());
        for (int i = 0; i < imported.virtualServers().size(); i++) {
            assertEquals(imported.virtualServers().get(i).serviceKey(), reread.virtualServers().get(i).serviceKey());
            assertEquals(imported.virtualServers().get(i).realServers().stream().map(RealServerConfig::address).toList(),
                    reread.virtualServers().get(i).realServers().stream().map(RealServerConfig::address).toList());
        }
    }

    @Test
    void errorsNameTheLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> Importers.ipvsadmSave("rules", """
                -A -t 10.0.0.1:80 -s wlc
                -a -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 1
                -a -t 10.0.0.1:80 -r 10.0.1.2:80 -g -w 70000
                -a -t 10.0.0.9:80 -r 10.0.1.2:80
                -a -t 10.0.0.1:80 -r 10.0.1.3:80 -g
                -A -t 10.0.0.1:80 --bogus
                -C
                """));
        assertEquals(List.of(
                "rules:3: must be 0..65535, got 70000",
                "rules:4: real server for TCP 10.0.0.9:80, which no -A line added before",
                "rules:5: -r: real servers of one service use nat (line 2) and direct; lvs.cf has one forwarding "
                        + "method per service",
                "rules:6: unknown option '--bogus' for -A",
                "rules:7: '-C' is not a rule ipvsadm-save writes (expected -A or -a)"),
                e.errors().stream().map(Diagnostic::toString).toList());
    }
}
