package io.jlvs.director.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlvs.director.Director;
import io.jlvs.failover.HeartbeatKeyFile;
import io.jlvs.failover.ReferenceCluster;
import io.jlvs.failover.VipDownload;
import io.jlvs.testing.KernelTest;
import io.jlvs.testing.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast handovers of two directors as jlvsd runs them (each a {@link Director} with jlvsd's loader,
 * failover and kernel table, {@code syncdaemon = 1} with Piranha's default interface, and
 * {@code backup_active = 0}, so that the services move with the role): a graceful stop
 * of the active one (jlvsd's SIGTERM: it says goodbye and the backup takes over at once) and the
 * failback when the primary returns. Both are fast enough for a client's packet to reach the new active
 * right after its gratuitous ARP, so its services must be programmed before the VIP is announced, or
 * the local stack answers the synced connection with a reset. Witnesses: a long download through the
 * VIP by curl in the client's namespace (exit status, bytes, SHA-256) and the connection in the new
 * active's table before the handover ({@code ipvsadm -Lnc}).
 */
@KernelTest
class HandoverDownloadKernelIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** Long enough for the second download to be under way and synced before the primary takes back. */
    private static final int FAILBACK_DELAY_SECONDS = 20;

    @TempDir
    Path dir;

    private Path config(Path key) throws Exception {
        return Files.writeString(dir.resolve("lvs.cf"), """
                serial_no = 1
                primary = 10.23.8.1
                primary_private = 10.11.12.1
                backup = 10.23.8.2
                backup_private = 10.11.12.2
                backup_active = 0
                heartbeat = 1
                heartbeat_key_file = %s
                keepalive = 0.5
                deadtime = 4
                failback_delay = %d
                network = nat
                nat_router = 10.11.12.10 eth1:1
                nat_nmask = 255.255.255.0
                syncdaemon = 1
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
                """.formatted(key, FAILBACK_DELAY_SECONDS));
    }

    private static String roles(Director a, Director b) {
        return a.status().role() + "/" + b.status().role();
    }

    @Test
    @Timeout(900)
    void downloadsThroughTheVipSurviveAGracefulStopOfTheActiveAndTheFailback() throws Exception {
        Path key = dir.resolve("heartbeat.key");
        HeartbeatKeyFile.create(key);
        try (ReferenceCluster c = ReferenceCluster.create()) {
            Path cf = config(key);
            Director lvs1 = ReferenceDirectors.start(c, "lvs1", cf);
            try (Director lvs2 = ReferenceDirectors.start(c, "lvs2", cf)) {
                Poll.until(WAIT, "lvs1 active, lvs2 backup", () -> roles(lvs1, lvs2), "ACTIVE/BACKUP"::equals);
                Poll.until(WAIT, "sync daemons (master on lvs1, backup on lvs2)", () -> c.sh("lvs1", "ipvsadm -L --daemon")
                        + c.sh("lvs2", "ipvsadm -L --daemon"), out -> out.contains("master sync daemon (mcast=eth1")
                        && out.contains("backup sync daemon (mcast=eth1"));
                Poll.until(WAIT, "curl through the VIP", () -> curl(c), out -> out.startsWith("served by rs"));

                try (VipDownload download = VipDownload.start(c, "stop.bin", 3 * 1024 * 1024)) {
                    download.awaitSyncedTo("lvs2");
                    download.failoverBegins();
                    lvs1.close();   // what jlvsd does on SIGTERM
                    Poll.until(WAIT, "lvs2 active", () -> lvs2.status().role(), "ACTIVE"::equals);
                    download.finish("a graceful stop of the active director");
                }

                try (Director back = ReferenceDirectors.start(c, "lvs1", cf)) {
                    Poll.until(WAIT, "the returning primary as backup", () -> roles(back, lvs2), "BACKUP/ACTIVE"::equals);
                    long returned = System.nanoTime();
                    try (VipDownload download = VipDownload.start(c, "failback.bin", 8 * 1024 * 1024)) {
                        download.awaitSyncedTo("lvs1");
                        double waited = (System.nanoTime() - returned) / 1e9;
                        assertEquals("BACKUP/ACTIVE", roles(back, lvs2), "synced before the failback (after " + waited
                                + " s; failback_delay " + FAILBACK_DELAY_SECONDS + " s): a slower guest needs a longer delay");
                        download.failoverBegins();
                        Poll.until(WAIT, "the failback to lvs1", () -> roles(back, lvs2), "ACTIVE/BACKUP"::equals);
                        download.finish("the failback");
                    }
                }
            } finally {
                lvs1.close();
            }
        }
    }

    private static String curl(ReferenceCluster c) {
        return c.try_("client", "curl -sf --max-time 3 http://" + ReferenceCluster.VIP + "/").stdout();
    }
}
