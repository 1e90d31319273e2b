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
import io.jlvs.ipvs.ForwardingMethod;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.SchedulerFlag;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.TunnelFlag;
import io.jlvs.ipvs.TunnelOptions;
import io.jlvs.ipvs.VirtualService;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** -S: the table as ipvsadm-save rules. */
class RulesTextTest {

    @Test
    void everyKindOfServiceAndRealServer() {
        Table t = table(
                entry(service(VirtualService.builder(ServiceKey.fwmark(5, AddressFamily.INET)).scheduler(Scheduler.SH)
                                .schedulerFlags(SchedulerFlag.SH_PORT).persistent(Duration.ofSeconds(300), 24).build()),
                        server(RealServer.builder(ip("10.0.0.4"), 0).tunnel(TunnelOptions.IPIP).build())),
                entry(service(VirtualService.builder(ServiceKey.fwmark(6, AddressFamily.INET6)).persistent(Duration.ofSeconds(60), 64)
                        .build())),
                entry(service(VirtualService.builder(ServiceKey.tcp(ip("2001:db8::1"), 443)).persistent(Duration.ofSeconds(60), 64)
                        .persistenceEngine("sip").build())),
                entry(service(VirtualService.builder(udp("10.0.0.1", 53)).scheduler(Scheduler.RR).onePacket(true).build()),
                        server(RealServer.builder(ip("10.0.0.2"), 53).forwarding(ForwardingMethod.LOCAL).build())),
                entry(service(VirtualService.builder(tcp("10.0.0.1", 80)).build()),
                        server(RealServer.builder(ip("10.0.0.3"), 80).tunnel(TunnelOptions.gue(6080, TunnelFlag.REMCSUM)).build()),
                        server(RealServer.builder(ip("10.0.0.2"), 8080).masquerade().weight(3).upperThreshold(9).build()),
                        server(RealServer.builder(ip("10.0.0.5"), 80).tunnel(TunnelOptions.gre(TunnelFlag.CSUM)).build())));
        assertEquals(""
                + "-A -t 10.0.0.1:80 -s wlc\n"
                + "-a -t 10.0.0.1:80 -r 10.0.0.2:8080 -m -w 3\n"
                + "-a -t 10.0.0.1:80 -r 10.0.0.3:80 -i -w 1 --tun-type gue --tun-port 6080 --tun-remcsum\n"
                + "-a -t 10.0.0.1:80 -r 10.0.0.5:80 -i -w 1 --tun-type gre --tun-csum\n"
                + "-A -u 10.0.0.1:53 -s rr -o\n"
                + "-a -u 10.0.0.1:53 -r 10.0.0.2:53 -g -w 1\n"
                + "-A -t [2001:db8::1]:443 -s wlc -p 60 -M 64 --pe sip\n"
                + "-A -f 5 -s sh -p 300 -M 255.255.255.0 -b sh-port\n"
                + "-a -f 5 -r 10.0.0.4:0 -i -w 1 --tun-type ipip\n"
                + "-A -f 6 -6 -s wlc -p 60 -M 64\n",
                new RulesText(fmt(ListFormat.NUMERIC, ListFormat.RULE), Names.numeric()).all(t));
    }

    @Test
    void withoutNumericNamesAreUsedAndNotCut() {
        String longName = "a-rather-long-host-name.example.org";
        Names names = new TableTextTest.FakeNames(Map.of(ip("10.0.0.1"), longName), Fixtures.services());
        Table t = table(entry(service(VirtualService.builder(tcp("10.0.0.1", 80)).build()),
                server(RealServer.builder(ip("10.0.0.2"), 80).masquerade().build())));
        assertEquals("-A -t a-rather-long-host-name.example.org:http -s wlc\n"
                + "-a -t a-rather-long-host-name.example.org:http -r 10.0.0.2:http -m -w 1\n",
                new RulesText(fmt(ListFormat.RULE), names).all(t));
    }
}
