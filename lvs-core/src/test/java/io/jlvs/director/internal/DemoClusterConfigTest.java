package io.jlvs.director.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.config.Configuration;
import io.jlvs.config.LvsCf;
import io.jlvs.config.ParsedConfiguration;
import io.jlvs.failover.FailoverConfig;
import java.time.Duration;
import io.jlvs.failover.HeartbeatKeyFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lvs.cf of scripts/demo-cluster (with its shell variables filled in and issue 6's sub-second
 * keepalive) must load without errors or warnings and map to a valid failover configuration. Its
 * {@code heartbeat_key_file} (made by {@code jlvsd keygen} in the demo's work directory) is added
 * here with a key in a temporary directory.
 */
class DemoClusterConfigTest {
    static final String DEMO = """
            serial_no = 1
            primary = 10.23.8.1
            primary_private = 10.11.12.1
            backup = 10.23.8.2
            backup_private = 10.11.12.2
            backup_active = 1
            service = lvs
            heartbeat = 1
            heartbeat_port = 539
            keepalive = 0.5
            deadtime = 2
            network = nat
            nat_router = 10.11.12.10 eth1:1
            nat_nmask = 255.255.255.0
            syncdaemon = 1
            virtual web {
                 active = 1
                 address = 10.23.8.80 eth0:1
                 vip_nmask = 255.255.255.0
                 port = 80
                 send = "GET / HTTP/1.0\\r\\n\\r\\n"
                 expect = "HTTP"
                 use_regex = 0
                 load_monitor = none
                 scheduler = rr
                 protocol = tcp
                 timeout = 2
                 reentry = 2
                 quiesce_server = 1
                 server rs1 {
                     address = 10.11.12.11
                     active = 1
                     weight = 1
                 }
                 server rs2 {
                     address = 10.11.12.12
                     active = 1
                     weight = 1
                 }
                 server rs3 {
                     address = 10.11.12.13
                     active = 1
                     weight = 1
                 }
            }
            """;

    @Test
    void demoConfigurationLoadsAndGivesAValidFailoverConfig(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("heartbeat.key");
        HeartbeatKeyFile.create(key);
        ParsedConfiguration parsed = LvsCf.parse("lvs.cf", DEMO.replace("heartbeat_port = 539\n",
                "heartbeat_port = 539\nheartbeat_key_file = \"" + key + "\"\n"));
        assertEquals(java.util.List.of(), parsed.warnings());
        Configuration config = parsed.configuration();
        assertEquals(Duration.ofMillis(500), config.cluster().keepalive());
        assertEquals(Duration.ofSeconds(2), config.cluster().deadtime());
        assertEquals(3, config.virtualServers().get(0).realServers().size());
        for (boolean primary : new boolean[] {true, false}) {
            FailoverConfig fc = FailoverRolePort.failoverConfig(config, primary);
            assertEquals(Duration.ofMillis(500), fc.keepalive());
            assertEquals(Duration.ofSeconds(2), fc.deadtime());
            assertTrue(fc.allPaths().size() >= 2, "public and private heartbeat paths");
        }
        assertTrue(ConfigChecks.check(config.virtualServers().get(0)).isPresent());
    }
}
