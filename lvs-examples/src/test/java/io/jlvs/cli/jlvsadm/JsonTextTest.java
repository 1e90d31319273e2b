package io.jlvs.cli.jlvsadm;

import static io.jlvs.cli.jlvsadm.Fixtures.entry;
import static io.jlvs.cli.jlvsadm.Fixtures.fmt;
import static io.jlvs.cli.jlvsadm.Fixtures.ip;
import static io.jlvs.cli.jlvsadm.Fixtures.server;
import static io.jlvs.cli.jlvsadm.Fixtures.service;
import static io.jlvs.cli.jlvsadm.Fixtures.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jlvs.ipvs.AddressFamily;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.Stats;
import io.jlvs.ipvs.SyncDaemon;
import io.jlvs.ipvs.Timeouts;
import io.jlvs.ipvs.TunnelFlag;
import io.jlvs.ipvs.TunnelOptions;
import io.jlvs.ipvs.VirtualService;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** --json: one document with services, real servers and counters. */
class JsonTextTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void tableWithServicesRealServersAndStats() throws Exception {
        Stats big = new Stats(-1L, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        List<Table.Service> services = List.of(
                entry(service(VirtualService.builder(ServiceKey.fwmark(5, AddressFamily.INET6)).build())),
                entry(service(VirtualService.builder(tcp("10.0.0.1", 80)).persistent(Duration.ofSeconds(60), 24).build(), big),
                        server(RealServer.builder(ip("10.0.0.2"), 80).tunnel(TunnelOptions.gue(6080, TunnelFlag.CSUM)).build(),
                                1, 2, 3, Stats.ZERO)));
        JsonNode root = MAPPER.readTree(new JsonText(fmt()).table(Fixtures.INFO, services));
        assertEquals("1.2.1", root.get("version").asText());
        assertEquals(4096, root.get("connectionTableSize").asInt());
        JsonNode web = root.get("services").get(0);
        assertEquals("TCP 10.0.0.1:80", web.get("name").asText());
        assertEquals("TCP", web.get("protocol").asText());
        assertEquals("10.0.0.1", web.get("address").asText());
        assertEquals(80, web.get("port").asInt());
        assertEquals("wlc", web.get("scheduler").asText());
        assertEquals(60, web.get("persistence").get("timeout").asInt());
        assertEquals(24, web.get("persistence").get("netmaskPrefixLength").asInt());
        assertTrue(web.get("persistenceEngine").isNull());
        assertEquals("18446744073709551615", web.get("stats").get("connections").asText());
        assertTrue(web.get("stats").get("connections").isBigInteger());
        assertEquals(10, web.get("stats").get("outBps").asLong());
        JsonNode rs = web.get("realServers").get(0);
        assertEquals("10.0.0.2", rs.get("address").asText());
        assertEquals("Tunnel", rs.get("forwarding").asText());
        assertEquals("gue", rs.get("tunnel").get("type").asText());
        assertEquals(6080, rs.get("tunnel").get("port").asInt());
        assertEquals("csum", rs.get("tunnel").get("flags").get(0).asText());
        assertEquals(1, rs.get("activeConnections").asInt());
        assertEquals(2, rs.get("inactiveConnections").asInt());
        assertEquals(3, rs.get("persistentConnections").asInt());
        JsonNode mark = root.get("services").get(1);
        assertEquals(5, mark.get("fwmark").asLong());
        assertEquals("IPv6", mark.get("family").asText());
    }

    @Test
    void timeoutsAndDaemons() throws Exception {
        JsonNode t = MAPPER.readTree(new JsonText(fmt()).timeouts(Timeouts.ofSeconds(900, 120, 300)));
        assertEquals(900, t.get("tcp").asInt());
        assertEquals(120, t.get("tcpfin").asInt());
        assertEquals(300, t.get("udp").asInt());
        JsonNode d = MAPPER.readTree(new JsonText(fmt()).daemons(List.of(SyncDaemon.master("eth0", 5))));
        assertEquals("master", d.get("daemons").get(0).get("state").asText());
        assertEquals("eth0", d.get("daemons").get(0).get("interface").asText());
        assertEquals(5, d.get("daemons").get(0).get("syncId").asInt());
    }
}
