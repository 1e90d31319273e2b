package io.jlvs.director.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.config.Configuration;
import io.jlvs.config.LvsCf;
import io.jlvs.failover.FailoverConfig;
import io.jlvs.failover.FloatingAddress;
import io.jlvs.health.FailureAction;
import io.jlvs.health.SendExpectCheck;
import io.jlvs.health.TcpConnectCheck;
import io.jlvs.health.WatchedService;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lvs.cf as the failover node and the health monitor see it (the reference cluster's file). */
class ConfigAdaptersTest {
    static final String CLUSTER = """
            serial_no = 1
            primary = 10.23.8.1
            primary_private = 10.11.12.1
            backup = 10.23.8.2
            backup_private = 10.11.12.2
            backup_active = 1
            heartbeat = 1
            heartbeat_port = 539
            keepalive = 1
            deadtime = 3
            network = nat
            nat_router = 10.11.12.10 eth1:1
            nat_nmask = 255.255.255.0
            virtual web {
                 active = 1
                 address = 10.23.8.80 eth0:1
                 vip_nmask = 255.255.255.0
                 port = 80
                 send = "GET / HTTP/1.0\\r\\n\\r\\n"
                 expect = "HTTP"
                 scheduler = rr
                 protocol = tcp
                 timeout = 2
                 reentry = 2
                 quiesce_server = 1
                 server rs1 {
                     address = 10.11.12.11
                     weight = 1
                 }
                 server rs2 {
                     address = 10.11.12.12
                     weight = 1
                 }
            }
            virtual ssh {
                 active = 1
                 address = 10.23.8.80 eth0:1
                 port = 22
                 scheduler = wlc
                 server rs1 {
                     address = 10.11.12.11
                 }
            }
            """;

    static Configuration config() throws Exception {
        return LvsCf.parse("lvs.cf", CLUSTER).configuration();
    }

    @Test
    void floatingAddressesAreTheVipOnceAndTheNatRouter() throws Exception {
        List<FloatingAddress> f = FailoverRolePort.floating(config());
        assertEquals(2, f.size(), f.toString());
        assertEquals(FloatingAddress.Kind.VIRTUAL_IP, f.get(0).kind());
        assertEquals(InetAddress.getByName("10.23.8.80"), f.get(0).ip());
        assertEquals("eth0", f.get(0).interfaceName());
        assertEquals(24, f.get(0).address().prefixLength());
        assertEquals("eth0:1", f.get(0).address().label());
        assertEquals(FloatingAddress.Kind.NAT_ROUTER, f.get(1).kind());
        assertEquals("eth1", f.get(1).interfaceName());
    }

    @Test
    void primaryAndBackupHeartbeatOnBothNetworks(@TempDir Path dir) throws Exception {
        Configuration config = HeartbeatAuthenticationTest.withKey(CLUSTER, dir);
        FailoverConfig p = FailoverRolePort.failoverConfig(config, true);
        FailoverConfig b = FailoverRolePort.failoverConfig(config, false);
        assertEquals(FailoverRolePort.PRIMARY_ID, p.nodeId());
        assertEquals(FailoverRolePort.BACKUP_ID, b.nodeId());
        assertTrue(p.priority() > b.priority(), "the primary outranks the backup");
        assertTrue(p.preempt());
        assertFalse(b.preempt());
        assertEquals(Duration.ofSeconds(1), p.keepalive());
        assertEquals(Duration.ofSeconds(3), p.deadtime());
        assertEquals(539, p.port());
        assertEquals(2, p.allPaths().size());
        assertEquals(InetAddress.getByName("10.23.8.1"), p.allPaths().get(0).local());
        assertEquals(InetAddress.getByName("10.23.8.2"), p.allPaths().get(0).peer());
        assertEquals(InetAddress.getByName("10.11.12.2"), b.allPaths().get(1).local());
        assertEquals(p.key(), b.key(), "both read the same key file");
    }

    @Test
    void healthWatchesEachServiceWithNannysTiming() throws Exception {
        List<WatchedService> w = MonitorHealthPort.watched(config());
        assertEquals(2, w.size());
        WatchedService web = w.get(0);
        assertInstanceOf(SendExpectCheck.class, web.servers().get(0).check());
        assertEquals(2, web.servers().size());
        assertEquals(80, web.servers().get(0).target().getPort());
        assertEquals(Duration.ofSeconds(1), web.policy().interval());
        assertEquals(2, web.policy().fall(), "down after failing for timeout = 2 s at one probe a second");
        assertEquals(2, web.policy().rise());
        assertEquals(FailureAction.QUIESCE, web.policy().onFailure());
        assertInstanceOf(TcpConnectCheck.class, w.get(1).servers().get(0).check());
        assertEquals(FailureAction.REMOVE, w.get(1).policy().onFailure());
    }

    @Test
    void checkPortAddressAndIntervalSayWhereAndHowOftenToProbe() throws Exception {
        String text = CLUSTER.replace("scheduler = wlc\n",
                "scheduler = wlc\ncheck_port = 2222\ncheck_address = 10.11.12.99\ncheck_interval = 500ms\n");
        List<WatchedService> w = MonitorHealthPort.watched(LvsCf.parse("lvs.cf", text).configuration());
        WatchedService ssh = w.get(1);
        assertEquals(new java.net.InetSocketAddress(InetAddress.getByName("10.11.12.99"), 2222), ssh.servers().get(0).target());
        assertEquals(InetAddress.getByName("10.11.12.11"), ssh.servers().get(0).server().address(),
                "the real server stays the one the verdict is about");
        assertEquals(Duration.ofMillis(500), ssh.policy().interval());
        assertEquals(12, ssh.policy().fall(), "timeout 6 s at two probes a second");
        WatchedService web = w.get(0);
        assertEquals(new java.net.InetSocketAddress(InetAddress.getByName("10.11.12.11"), 80), web.servers().get(0).target(),
                "another virtual keeps its own servers' addresses and ports");
        assertEquals(Duration.ofSeconds(1), web.policy().interval());
    }

    @Test
    void aServerWithCheckKeysOfItsOwnIsProbedItsOwnWay() throws Exception {
        String text = CLUSTER.replace("address = 10.11.12.12\n",
                "address = 10.11.12.12\ncheck_type = http\ncheck_path = /ready\ncheck_port = 8080\n");
        assertTrue(text.contains("check_path = /ready"));
        WatchedService web = MonitorHealthPort.watched(LvsCf.parse("lvs.cf", text).configuration()).get(0);
        assertInstanceOf(io.jlvs.health.SendExpectCheck.class, web.servers().get(0).check(), "rs1: the virtual's");
        assertEquals(new java.net.InetSocketAddress(InetAddress.getByName("10.11.12.11"), 80), web.servers().get(0).target());
        io.jlvs.health.HttpCheck own = assertInstanceOf(io.jlvs.health.HttpCheck.class, web.servers().get(1).check());
        assertEquals("/ready", own.path());
        assertEquals(new java.net.InetSocketAddress(InetAddress.getByName("10.11.12.12"), 8080), web.servers().get(1).target());
    }

    @Test
    void slowStartRampsAServerComingBackInOneStepASecond() throws Exception {
        String text = CLUSTER.replace("scheduler = wlc\n", "scheduler = wlc\nslow_start = 4\n")
                .replace("scheduler = rr\n", "scheduler = rr\nslow_start = 2m\n");
        List<WatchedService> w = MonitorHealthPort.watched(LvsCf.parse("lvs.cf", text).configuration());
        assertEquals(Duration.ofMinutes(2), w.get(0).policy().slowStart());
        assertEquals(10, w.get(0).policy().slowStartSteps(), "at most 10 steps");
        assertEquals(Duration.ofSeconds(4), w.get(1).policy().slowStart());
        assertEquals(4, w.get(1).policy().slowStartSteps());
        assertTrue(w.get(1).policy().startUp(), "servers count as up at start: no ramp when jlvsd starts");
        assertEquals(Duration.ZERO, MonitorHealthPort.watched(config()).get(0).policy().slowStart(), "none unless asked");
    }
}

