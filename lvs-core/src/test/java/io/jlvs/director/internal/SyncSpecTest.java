package io.jlvs.director.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlvs.config.LvsCf;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** syncdaemon = 1 runs a sync daemon wherever lvs.cf lets jlvsd find an interface for it. */
class SyncSpecTest {
    private static Optional<SyncSpec> spec(String text) throws Exception {
        return SyncSpec.of(LvsCf.parse("lvs.cf", text).configuration().cluster());
    }

    @Test
    void syncdIfaceWins() throws Exception {
        assertEquals(Optional.of(new SyncSpec("eth2", 7)),
                spec("syncdaemon = 1\nsyncd_iface = eth2\nsyncd_id = 7\nnat_router = 10.11.12.10 eth1:1\n"));
    }

    @Test
    void withoutSyncdIfaceThePrivateNetworksInterfaceFromNatRouter() throws Exception {
        assertEquals(Optional.of(new SyncSpec("eth1", 0)), spec("syncdaemon = 1\nnat_router = 10.11.12.10 eth1:1\n"));
        assertEquals(Optional.of(new SyncSpec("bond0", 0)), spec("syncdaemon = 1\nnat_router = 10.11.12.10 bond0\n"));
    }

    @Test
    void noneWithoutAnInterfaceOrWhenOff() throws Exception {
        assertEquals(Optional.empty(), spec("syncdaemon = 1\n"));
        assertEquals(Optional.empty(), spec("syncdaemon = 0\nsyncd_iface = eth1\n"));
    }
}
