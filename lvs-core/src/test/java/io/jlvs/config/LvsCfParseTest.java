package io.jlvs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.ipvs.AddressFamily;
import io.jlvs.ipvs.Protocol;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.ServiceKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lvs.cf as Piranha writes it: every key, its default, comments, quoting. */
class LvsCfParseTest {

    static String resource(String name) throws IOException {
        try (InputStream in = LvsCfParseTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    static Configuration parse(String text) throws ConfigException {
        return LvsCf.parse("lvs.cf", text).configuration();
    }

    static final String MINIMAL_VIRTUAL = """
            virtual web {
                 address = 10.0.0.1
                 port = 80
                 server a {
                     address = 10.0.1.1
                 }
            }
            """;

    @Test
    void theRhelBasicExampleReadsAsWritten() throws Exception {
        Configuration c = parse(resource("rhel-basic-lvs.cf"));
        ClusterSettings g = c.cluster();
        assertEquals(1, g.serialNo());
        assertEquals(Optional.of(ip("10.23.8.1")), g.primary());
        assertEquals(Optional.of(ip("10.23.8.2")), g.backup());
        assertTrue(g.backupActive());
        assertEquals(NetworkMode.NAT, g.network());
        assertEquals(new InterfaceAddress(ip("10.11.12.10"), Optional.of("eth1:1")), g.natRouter().orElseThrow());
        assertEquals(Optional.of("eth1"), g.natRouter().orElseThrow().baseDevice());
        assertEquals(24, g.natNetmaskPrefix());
        assertEquals(Duration.ofSeconds(6), g.keepalive());
        assertEquals(Duration.ofSeconds(18), g.deadtime());
        assertEquals(2, c.virtualServers().size());

        VirtualServerConfig v1 = c.virtualServer("server1").orElseThrow();
        assertEquals(new InterfaceAddress(ip("10.23.8.80"), Optional.of("eth0:1")), v1.address());
        assertEquals(ServiceKey.tcp(ip("10.23.8.80"), 80), v1.serviceKey());
        assertEquals(Optional.of(Duration.ofSeconds(60)), v1.persistent());
        assertEquals(32, v1.persistenceNetmaskPrefix());
        assertEquals(Scheduler.WLC, v1.scheduler());
        assertEquals(Optional.of("GET / HTTP/1.0\\r\\n\\r\\n"), v1.health().send(), "escapes are kept for the checker");
        assertEquals(Optional.of("HTTP"), v1.health().expect());
        assertEquals(Duration.ofSeconds(5), v1.health().timeout());
        assertEquals(Duration.ofSeconds(10), v1.health().reentry());
        assertEquals(List.of("Server1", "Server2"), v1.realServers().stream().map(RealServerConfig::name).toList());
        assertEquals(32, v1.realServers().get(0).line());

        VirtualServerConfig v2 = c.virtualServer("server2").orElseThrow();
        assertEquals(Optional.of("eth0:2"), v2.address().device());
        assertFalse(v2.realServers().get(1).active());
    }

    @Test
    void everyDefaultIsTheDocumentedOne() throws Exception {
        Configuration c = parse(MINIMAL_VIRTUAL);
        ClusterSettings g = c.cluster();
        assertEquals(ClusterSettings.defaults(), g);
        assertEquals(0, g.serialNo());
        assertEquals("lvs", g.service());
        assertTrue(g.heartbeat());
        assertEquals(539, g.heartbeatPort());
        assertEquals(NetworkMode.DIRECT, g.network());
        assertEquals(32, g.natNetmaskPrefix());
        assertEquals("NONE", g.debugLevel());
        assertFalse(g.syncDaemon());
        assertFalse(g.monitorLinks());
        assertFalse(g.backupActive());
        assertEquals(100, g.priority());
        assertTrue(g.preempt());
        assertEquals(Duration.ZERO, g.failbackDelay());
        VirtualServerConfig v = c.virtualServers().get(0);
        assertTrue(v.active());
        assertEquals(Protocol.TCP, v.protocol());
        assertEquals(32, v.vipNetmaskPrefix());
        assertEquals(0, v.fwmark());
        assertEquals(Optional.empty(), v.persistent());
        assertEquals(Scheduler.WLC, v.scheduler());
        assertFalse(v.quiesceServer());
        assertEquals(Optional.empty(), v.sorryServer());
        assertEquals(Optional.empty(), v.forward());
        assertEquals(Duration.ZERO, v.slowStart());
        assertEquals(HealthCheckConfig.defaults(), v.health());
        RealServerConfig s = v.realServers().get(0);
        assertTrue(s.active());
        assertEquals(1, s.weight());
        assertEquals(0, s.port());
        assertEquals(80, v.realServerPort(s));
    }

    @Test
    void everyGlobalKeyIsRead() throws Exception {
        Configuration c = parse("""
                serial_no = 42
                primary = 192.0.2.1
                primary_private = 10.0.0.1
                backup = 192.0.2.2
                backup_private = 10.0.0.2
                backup_active = 1
                service = lvs
                heartbeat = 0
                heartbeat_port = 1539
                keepalive = 500ms
                deadtime = 3
                network = tunnel
                nat_router = 10.0.0.254 eth1:9
                nat_nmask = /16
                debug_level = 3
                syncdaemon = 1
                syncd_iface = eth1
                syncd_id = 7
                monitor_links = 1
                heartbeat_key_file = "/etc/jlvs/heartbeat.key"
                heartbeat_insecure = 1
                priority = 200
                preempt = 0
                failback_delay = 30
                manage_whole_table = 1
                check_script_user = "nobody   nogroup"
                active_cmd = /usr/local/sbin/vip-up "eth0 1"
                inactive_cmd = /usr/local/sbin/vip-down
                notify_master = /bin/logger master
                notify_backup = /bin/logger backup
                notify_fault = /bin/logger fault
                notify_stop = /bin/logger stop
                notify = /bin/logger any
                notify_timeout = 5
                track_script = /usr/bin/pidof nginx
                track_script_interval = 500ms
                track_script_timeout = 2
                track_script_fall = 3
                track_script_rise = 2
                """);
        ClusterSettings g = c.cluster();
        assertEquals(42, g.serialNo());
        assertEquals(Optional.of(ip("10.0.0.1")), g.primaryPrivate());
        assertEquals(Optional.of(ip("10.0.0.2")), g.backupPrivate());
        assertFalse(g.heartbeat());
        assertEquals(1539, g.heartbeatPort());
        assertEquals(Duration.ofMillis(500), g.keepalive());
        assertEquals(Duration.ofSeconds(3), g.deadtime());
        assertEquals(NetworkMode.TUNNEL, g.network());
        assertEquals(16, g.natNetmaskPrefix());
        assertEquals("3", g.debugLevel());
        assertTrue(g.syncDaemon());
        assertEquals(Optional.of("eth1"), g.syncdInterface());
        assertEquals(7, g.syncdId());
        assertTrue(g.monitorLinks());
        assertEquals(Optional.of(Path.of("/etc/jlvs/heartbeat.key")), g.heartbeatKeyFile());
        assertTrue(g.heartbeatInsecure());
        assertEquals(200, g.priority());
        assertFalse(g.preempt());
        assertEquals(Duration.ofSeconds(30), g.failbackDelay());
        assertTrue(g.manageWholeTable());
        assertEquals(Optional.of("nobody nogroup"), g.checkScriptUser());
        RoleScripts s = g.scripts();
        assertEquals(Optional.of("/usr/local/sbin/vip-up \"eth0 1\""), s.activeCmd());
        assertEquals(Optional.of("/usr/local/sbin/vip-down"), s.inactiveCmd());
        assertEquals(List.of("active_cmd", "inactive_cmd", "notify_master", "notify_backup", "notify_fault", "notify_stop",
                "notify", "track_script"), List.copyOf(s.commands().keySet()));
        assertEquals(Optional.of("/bin/logger any"), s.notifyAny());
        assertEquals(Duration.ofSeconds(5), s.notifyTimeout());
        assertEquals(Optional.of("/usr/bin/pidof nginx"), s.trackScript());
        assertEquals(Duration.ofMillis(500), s.trackInterval());
        assertEquals(Duration.ofSeconds(2), s.trackTimeout());
        assertEquals(3, s.trackFall());
        assertEquals(2, s.trackRise());
        assertTrue(c.virtualServers().isEmpty());
    }

    @Test
    void everyVirtualAndServerKeyIsRead() throws Exception {
        Configuration c = parse("""
                virtual dns {
                     active = 0
                     address = 10.0.0.53 eth0:3
                     vip_nmask = 255.255.255.0
                     port = 53
                     protocol = udp
                     fwmark = 4000000000
                     persistent = 120
                     pmask = 255.255.0.0
                     scheduler = rr
                     send = "ping"
                     expect = "^pong$"
                     use_regex = 1
                     send_program = "/usr/bin/check %h"
                     load_monitor = none
                     timeout = 3
                     reentry = 20
                     quiesce_server = 1
                     sorry_server = 10.0.9.9 5353
                     forward = tunnel
                     slow_start = 30
                     rise = 2
                     fall = 3
                     check_type = program
                     check_weight = exit
                     server ns1 {
                         address = 10.0.1.53
                         port = 5353
                         active = 1
                         weight = 65535
                     }
                }
                """);
        VirtualServerConfig v = c.virtualServers().get(0);
        assertFalse(v.active());
        assertEquals(24, v.vipNetmaskPrefix());
        assertEquals(Protocol.UDP, v.protocol());
        assertEquals(4000000000L, v.fwmark());
        assertEquals(ServiceKey.fwmark((int) 4000000000L, AddressFamily.INET), v.serviceKey());
        assertEquals(16, v.persistenceNetmaskPrefix());
        assertEquals(Scheduler.RR, v.scheduler());
        assertTrue(v.health().useRegex());
        assertEquals(Optional.of("/usr/bin/check %h"), v.health().sendProgram());
        assertEquals(Duration.ofSeconds(3), v.health().timeout());
        assertEquals(Duration.ofSeconds(20), v.health().reentry());
        assertTrue(v.quiesceServer());
        assertEquals(ip("10.0.9.9"), v.sorryServer().orElseThrow().address());
        assertEquals(5353, v.sorryServer().orElseThrow().port());
        assertEquals(Optional.of(NetworkMode.TUNNEL), v.forward());
        assertEquals(Duration.ofSeconds(30), v.slowStart());
        assertEquals(2, v.health().rise());
        assertEquals(3, v.health().fall());
        assertEquals(Optional.of("program"), v.health().checkType());
        assertEquals(Map.of("send", "ping", "expect", "^pong$", "use_regex", "1", "send_program", "/usr/bin/check %h",
                "timeout", "3", "reentry", "20", "check_type", "program", "check_weight", "exit"), v.health().settings());
        RealServerConfig s = v.realServers().get(0);
        assertEquals(5353, s.port());
        assertEquals(65535, s.weight());
        assertEquals(5353, v.realServerPort(s));
    }

    @Test
    void commentsBlankLinesAndQuotes() throws Exception {
        Configuration c = parse("""
                # a comment
                   # an indented comment

                serial_no = 3 # trailing comment
                virtual web   # the web site
                {
                     address = 10.0.0.1
                     port = 80
                     send = "GET /#anchor \\"x\\" HTTP/1.0"   # the # in quotes is kept
                     expect = HTTP#200
                     server a {
                         address = 10.0.1.1
                     }
                }
                """);
        assertEquals(3, c.cluster().serialNo());
        VirtualServerConfig v = c.virtualServers().get(0);
        assertEquals(Optional.of("GET /#anchor \"x\" HTTP/1.0"), v.health().send());
        assertEquals(Optional.of("HTTP#200"), v.health().expect(), "a # inside a word is not a comment");
    }

    @Test
    void ipv6VirtualServer() throws Exception {
        Configuration c = parse("""
                virtual web6 {
                     address = 2001:db8::80 eth0
                     vip_nmask = 64
                     port = 443
                     persistent = 300
                     pmask = 64
                     server a {
                         address = 2001:db8:1::1
                     }
                }
                """);
        VirtualServerConfig v = c.virtualServers().get(0);
        assertEquals(AddressFamily.INET6, v.family());
        assertEquals(64, v.vipNetmaskPrefix());
        assertEquals(64, v.persistenceNetmaskPrefix());
        assertEquals(ServiceKey.tcp(ip("2001:db8::80"), 443), v.serviceKey());
    }

    @Test
    void readsAFileAndNamesItInErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("lvs.cf");
        Files.writeString(file, "serial_no = x\n");
        ConfigException e = assertThrows(ConfigException.class, () -> LvsCf.read(file));
        assertEquals(file + ":1: serial_no: must be a whole number 0..9223372036854775807, got 'x'", e.getMessage());
        ConfigException missing = assertThrows(ConfigException.class, () -> LvsCf.read(dir.resolve("nope.cf")));
        assertTrue(missing.getMessage().startsWith(dir.resolve("nope.cf") + ": cannot read: NoSuchFileException"),
                missing.getMessage());
    }

    @Test
    void checkScriptUserMustBeAUserAndAtMostAGroup(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("lvs.cf");
        Files.writeString(file, "serial_no = 1\ncheck_script_user = \"nobody;rm -rf /\"\n");
        ConfigException e = assertThrows(ConfigException.class, () -> LvsCf.read(file));
        assertTrue(e.getMessage().startsWith(file + ":2: check_script_user: must be a user, or a user and a group"),
                e.getMessage());
        Files.writeString(file, "serial_no = 1\ncheck_script_user = \"a b c\"\n");
        assertThrows(ConfigException.class, () -> LvsCf.read(file));
    }
}
