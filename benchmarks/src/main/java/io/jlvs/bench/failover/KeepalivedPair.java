package io.jlvs.bench.failover;

import io.jlvs.bench.scale.RunContext;
import io.jlvs.bench.scale.ScaleNamespace;
import io.jlvs.bench.table.Keepalived;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Duration;

/**
 * keepalived as the peer of the failover run: its VRRP process in lvs1 (priority 150, starts MASTER)
 * and in lvs2 (priority 100, BACKUP), one VRRPv3 instance (so that advert_int may be below a second)
 * with unicast adverts on the public bridge, holding the VIP on eth0 as jLVS's directors do. VRRP's
 * master-down interval is three adverts plus the backup's skew ((256 - 100) / 256 of one), the nearest
 * setting to jLVS's dead time of three keepalives.
 */
final class KeepalivedPair implements DirectorPair {
    private final Keepalived primary;
    private final Keepalived backup;

    private KeepalivedPair(Keepalived primary, Keepalived backup) {
        this.primary = primary;
        this.backup = backup;
    }

    static KeepalivedPair start(RunContext ctx, ScaleNamespace lvs1, ScaleNamespace lvs2, Duration advert)
            throws IOException, InterruptedException {
        Keepalived a = Keepalived.startVrrp(ctx, lvs1, config(1, 150, "MASTER", advert));
        try {
            return new KeepalivedPair(a, Keepalived.startVrrp(ctx, lvs2, config(2, 100, "BACKUP", advert)));
        } catch (IOException | RuntimeException e) {
            a.close();
            throw e;
        }
    }

    /** The configuration of director {@code id} (1 or 2) of the run's topology. */
    static String config(int id, int priority, String state, Duration advert) {
        if (advert.toMillis() < 10 || advert.toMillis() % 10 != 0) {
            throw new IllegalArgumentException("VRRPv3 adverts are in centiseconds, not " + advert);
        }
        String seconds = BigDecimal.valueOf(advert.toMillis(), 3).stripTrailingZeros().toPlainString();
        return """
                global_defs {
                    router_id lvs%1$d
                    vrrp_version 3
                }
                vrrp_instance VI_BENCH {
                    state %2$s
                    interface eth0
                    virtual_router_id 80
                    priority %3$d
                    advert_int %4$s
                    unicast_src_ip 10.99.0.%1$d
                    unicast_peer {
                        10.99.0.%5$d
                    }
                    virtual_ipaddress {
                        %6$s/24 dev eth0 label eth0:1
                    }
                }
                """.formatted(id, state, priority, seconds, 3 - id, FailoverTimeRun.VIP);
    }

    @Override
    public boolean settled() throws IOException {
        primary.requireAlive();
        backup.requireAlive();
        return Files.readString(primary.log()).contains("Entering MASTER STATE")
                && Files.readString(backup.log()).contains("Entering BACKUP STATE");
    }

    @Override
    public void close() throws InterruptedException {
        try {
            backup.close();
        } finally {
            primary.close();
        }
    }
}
