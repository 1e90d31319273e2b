package io.jlvs.director.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.director.Director;
import io.jlvs.director.DirectorStatus;
import io.jlvs.failover.HeartbeatKeyFile;
import io.jlvs.failover.ReferenceCluster;
import io.jlvs.testing.KernelTest;
import io.jlvs.testing.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * monitor_links and the role programs of lvs.cf, in the reference topology with two real directors
 * (each a {@link Director} with jlvsd's loader, failover and kernel table; no health checks): the active director's
 * public link goes down, it goes to FAULT and releases the VIP, the backup takes over (told by the
 * FAULT heartbeat on the private path, not by a dead time), and each side's programs run once with
 * the right role; when the link returns the primary takes the role back. Witnesses: ip addr in both
 * directors, curl from the client through the VIP, the programs' own log files.
 */
@KernelTest
class LinkFailoverKernelIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private Path config(String node, Path key) throws Exception {
        Path hook = dir.resolve("hook-" + node);
        Path log = dir.resolve(node + ".log");
        Files.writeString(hook, "#!/bin/sh\necho \"$*\" >> '" + log + "'\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwx------"));
        Path file = dir.resolve(node + ".cf");
        Files.writeString(file, """
                serial_no = 1
                primary = 10.23.8.1
                primary_private = 10.11.12.1
                backup = 10.23.8.2
                backup_private = 10.11.12.2
                backup_active = 1
                heartbeat = 1
                heartbeat_key_file = %s
                keepalive = 0.5
                deadtime = 4
                network = nat
                nat_router = 10.11.12.10 eth1:1
                nat_nmask = 255.255.255.0
                monitor_links = 1
                active_cmd = %s active
                inactive_cmd = %s inactive
                notify_fault = %s fault
                virtual web {
                     active = 1
                     address = 10.23.8.80 eth0:1
                     vip_nmask = 255.255.255.0
                     port = 80
                     protocol = tcp
                     scheduler = rr
                     server rs1 {
                         address = 10.11.12.11
                         port = 80
                         weight = 1
                     }
                     server rs2 {
                         address = 10.11.12.12
                         port = 80
                         weight = 1
                     }
                }
                """.formatted(key, hook, hook, hook));
        return file;
    }

    /** The programs' lines so far, each "WORD NEW-ROLE PREVIOUS-ROLE" (the reason cut off). */
    private List<String> runs(String node) {
        Path log = dir.resolve(node + ".log");
        if (!Files.exists(log)) {
            return List.of();
        }
        return readLines(log).stream().map(l -> String.join(" ", List.of(l.split(" ")).subList(0, 3))).toList();
    }

    private static boolean holdsVip(ReferenceCluster c, String node) {
        return c.sh(node, "ip -4 addr show").contains(ReferenceCluster.VIP + "/");
    }

    @Test
    @Timeout(900)
    void thePublicLinkGoingDownFailsTheActiveDirectorOverAndEachSideRunsItsProgramsOnce() throws Exception {
        Path key = dir.resolve("heartbeat.key");
        HeartbeatKeyFile.create(key);
        try (ReferenceCluster c = ReferenceCluster.create()) {
            Path cf1 = config("lvs1", key);
            Path cf2 = config("lvs2", key);
            try (Director lvs1 = ReferenceDirectors.start(c, "lvs1", cf1); Director lvs2 = ReferenceDirectors.start(c, "lvs2", cf2)) {
                Poll.until(WAIT, "lvs1 active, lvs2 backup", () -> lvs1.status().role() + "/" + lvs2.status().role(),
                        "ACTIVE/BACKUP"::equals);
                Poll.until(WAIT, "the VIP on lvs1", () -> holdsVip(c, "lvs1"), b -> b);
                Poll.until(WAIT, "lvs1's active_cmd", () -> runs("lvs1"), r -> r.equals(List.of("active ACTIVE INIT")));
                Poll.until(WAIT, "curl through the VIP", () -> curl(c), out -> out.startsWith("served by rs"));
                assertEquals(List.of(), runs("lvs2"));

                long down = System.nanoTime();
                c.sh("lvs1", "ip link set eth0 down");
                Poll.until(WAIT, "lvs2 active", () -> lvs2.status().role(), "ACTIVE"::equals);
                double seconds = (System.nanoTime() - down) / 1e9;
                System.out.printf("link down -> backup active: %.2f s (keepalive 0.5 s, deadtime 4 s)%n", seconds);
                Poll.until(WAIT, "lvs1 at fault", () -> lvs1.status().role(), "FAULT"::equals);
                Poll.until(WAIT, "the VIP on lvs2 only", () -> holdsVip(c, "lvs2") && !holdsVip(c, "lvs1"), b -> b);
                Poll.until(WAIT, "curl through the VIP, via lvs2", () -> curl(c), out -> out.startsWith("served by rs"));
                Poll.until(WAIT, "lvs2's active_cmd", () -> runs("lvs2"), r -> r.equals(List.of("active ACTIVE BACKUP")));
                Poll.until(WAIT, "lvs1's inactive_cmd and notify_fault", () -> runs("lvs1"), r -> r.equals(List.of(
                        "active ACTIVE INIT", "inactive FAULT ACTIVE", "fault FAULT ACTIVE")));
                // Taken over because the peer said FAULT, not because it fell silent: the private path still carries it.
                assertTrue(lvs2.status().peers().get(0).contains("FAULT"), lvs2.status().peers().toString());
                // The same, in status's failover detail: this node, its addresses, the peer and each path.
                DirectorStatus.PeerNode primary = Poll.until(WAIT, "lvs2 sees lvs1's public path down",
                        () -> lvs2.status().failover().peerNodes().get(0), p -> p.state().equals("DEGRADED"));
                assertEquals(List.of("primary FAULT public false private true"), List.of(primary.name() + " " + primary.role() + " "
                        + primary.paths().stream().map(x -> x.name() + " " + x.up()).collect(java.util.stream.Collectors.joining(" "))));
                DirectorStatus.Failover f2 = lvs2.status().failover();
                assertEquals("backup ACTIVE", f2.node() + " " + f2.state(), f2.toString());
                assertTrue(!f2.addresses().isEmpty() && f2.addresses().stream().allMatch(DirectorStatus.Address::held), f2.toString());
                assertTrue(f2.heartbeats().accepted() > 0, f2.toString());
                DirectorStatus.Failover f1 = lvs1.status().failover();
                assertEquals("primary FAULT", f1.node() + " " + f1.state(), f1.toString());
                assertTrue(f1.addresses().stream().noneMatch(DirectorStatus.Address::held), f1.toString());
                String reason = Files.readAllLines(dir.resolve("lvs1.log")).get(1);
                assertTrue(reason.contains("eth0 is down"), reason);

                c.sh("lvs1", "ip link set eth0 up");
                Poll.until(WAIT, "lvs1 active again, lvs2 backup", () -> lvs1.status().role() + "/" + lvs2.status().role(),
                        "ACTIVE/BACKUP"::equals);
                Poll.until(WAIT, "the VIP back on lvs1 only", () -> holdsVip(c, "lvs1") && !holdsVip(c, "lvs2"), b -> b);
                Poll.until(WAIT, "lvs2's inactive_cmd", () -> runs("lvs2"), r -> r.equals(List.of(
                        "active ACTIVE BACKUP", "inactive BACKUP ACTIVE")));
                Poll.until(WAIT, "lvs1's active_cmd again", () -> runs("lvs1"), r -> r.size() == 4);
                assertEquals("active ACTIVE BACKUP", runs("lvs1").get(3));
                Poll.until(WAIT, "curl through the VIP, via lvs1 again", () -> curl(c), out -> out.startsWith("served by rs"));
            }
            assertFalse(holdsVip(c, "lvs1") || holdsVip(c, "lvs2"), "both directors stopped: no VIP left");
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String curl(ReferenceCluster c) {
        return c.try_("client", "curl -sf --max-time 3 http://" + ReferenceCluster.VIP + "/").stdout();
    }
}
