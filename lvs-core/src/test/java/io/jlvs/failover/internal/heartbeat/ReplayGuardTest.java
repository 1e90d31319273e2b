package io.jlvs.failover.internal.heartbeat;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.failover.Role;
import java.net.InetAddress;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {
    private static final InetAddress DEST = InetAddress.getLoopbackAddress();

    static Heartbeat hb(long boot, long seq, long timestamp) {
        return new Heartbeat(1, 2, Role.BACKUP, 100, true, boot, seq, timestamp, DEST);
    }

    @Test
    void withinOneBootOnlyAGrowingSequenceIsAccepted() {
        ReplayGuard g = new ReplayGuard();
        assertTrue(g.accept(hb(7, 10, 1000)));
        assertFalse(g.accept(hb(7, 10, 1000)), "the same datagram again");
        assertFalse(g.accept(hb(7, 9, 2000)), "an older sequence, whatever its timestamp");
        assertTrue(g.accept(hb(7, 11, 1001)));
        assertTrue(g.accept(hb(7, 20, 1002)), "gaps (lost datagrams) are fine");
    }

    @Test
    void sequencesCompareUnsigned() {
        ReplayGuard g = new ReplayGuard();
        assertTrue(g.accept(hb(7, Long.MAX_VALUE, 1)));
        assertTrue(g.accept(hb(7, Long.MIN_VALUE, 2)), "2^63 follows 2^63 - 1");
        assertFalse(g.accept(hb(7, 5, 3)));
    }

    @Test
    void aNewBootIsAcceptedOnlyWithANewerTimestamp() {
        ReplayGuard g = new ReplayGuard();
        assertTrue(g.accept(hb(7, 500, 1000)));
        assertFalse(g.accept(hb(8, 1, 999)), "an older boot's datagram played back");
        assertFalse(g.accept(hb(8, 1, 1000)));
        assertTrue(g.accept(hb(8, 1, 1001)), "the restarted peer, counting from 1 again");
        assertFalse(g.accept(hb(7, 501, 5000)), "the old boot cannot come back: its timestamps");
    }

    @Property
    void aDatagramIsNeverAcceptedTwice(@ForAll long boot, @ForAll long seq, @ForAll long ts) {
        ReplayGuard g = new ReplayGuard();
        assertTrue(g.accept(hb(boot, seq, ts)));
        assertFalse(g.accept(hb(boot, seq, ts)));
    }
}
