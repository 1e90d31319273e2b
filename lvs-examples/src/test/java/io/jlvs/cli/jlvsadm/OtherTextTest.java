package io.jlvs.cli.jlvsadm;

import static io.jlvs.cli.jlvsadm.Fixtures.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlvs.ipvs.SyncDaemon;
import io.jlvs.ipvs.Timeouts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** -L --timeout and -L --daemon. */
class OtherTextTest {

    @Test
    void timeouts() {
        assertEquals("Timeout (tcp tcpfin udp): 900 120 300\n", OtherText.timeouts(Timeouts.ofSeconds(900, 120, 300)));
    }

    @Test
    void daemonsAsTheKernelReportsThem() {
        SyncDaemon master = SyncDaemon.builder(SyncDaemon.State.MASTER, "eth0").syncId(5).syncMaxLength(1472)
                .multicastGroup(ip("224.0.0.81")).multicastPort(8848).multicastTtl(1).build();
        SyncDaemon backup = SyncDaemon.builder(SyncDaemon.State.BACKUP, "eth1").multicastGroup(ip("ff02::1:2")).build();
        assertEquals("master sync daemon (mcast=eth0, syncid=5, maxlen=1472, group=224.0.0.81, port=8848, ttl=1)\n"
                + "backup sync daemon (mcast=eth1, syncid=0, group=ff02::1:2)\n", OtherText.daemons(List.of(master, backup)));
    }

    @Test
    void noDaemonsNoLines() {
        assertEquals("", OtherText.daemons(List.of()));
    }
}
