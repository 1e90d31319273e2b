package io.jlvs.failover.internal.heartbeat;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.failover.Role;
import java.net.InetAddress;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {
    private static final InetAddress DEST = InetAddress.getLoopbackAddress();
    /** This node's wall clock in every test: 2026-01-01. */
    private static final long NOW = 1_767_225_600_000L;
    private static final long TOLERANCE = BootHistory.CLOCK_TOLERANCE_MILLIS;

    static Heartbeat hb(long boot, long seq, long timestamp) {
        return new Heartbeat(1, 2, Role.BACKUP, 100, true, boot, seq, timestamp, DEST);
    }

    @Test
    void withinOneBootOnlyAGrowingSequenceIsAccepted() {
        ReplayGuard g = new ReplayGuard();
        assertTrue(g.accept(hb(7, 10, NOW), NOW));
        assertFalse(g.accept(hb(7, 10, NOW), NOW), "the same datagram again");
        assertFalse(g.accept(hb(7, 9, NOW + 1000), NOW), "an older sequence, whatever its timestamp");
        assertTrue(g.accept(hb(7, 11, NOW + 1), NOW));
        assertTrue(g.accept(hb(7, 20, NOW + 2), NOW), "gaps (lost datagrams) are fine");
    }

    @Test
    void sequencesCompareUnsigned() {
        ReplayGuard g = new ReplayGuard();
        assertTrue(g.accept(hb(7, Long.MAX_VALUE, NOW), NOW));
        assertTrue(g.accept(hb(7, Long.MIN_VALUE, NOW), NOW), "2^63 follows 2^63 - 1");
        assertFalse(g.accept(hb(7, 5, NOW), NOW));
    }

    @Test
    void aNewBootIsAcceptedOnlyWithANewerTimestamp() {
        ReplayGuard g = new ReplayGuard();
        assertTrue(g.accept(hb(7, 500, NOW), NOW));
        assertFalse(g.accept(hb(8, 1, NOW - 1), NOW), "an older boot's datagram played back");
        assertFalse(g.accept(hb(8, 1, NOW), NOW));
        assertTrue(g.accept(hb(8, 1, NOW + 1), NOW), "the restarted peer, counting from 1 again");
        assertFalse(g.accept(hb(7, 501, NOW + 5000), NOW), "the old boot cannot come back");
    }

    @Test
    void theFirstHeartbeatFromAPeerMustBeStampedNearThisNodesClock() {
        assertFalse(new ReplayGuard().accept(hb(7, 1, NOW - TOLERANCE - 1), NOW), "captured long ago");
        assertFalse(new ReplayGuard().accept(hb(7, 1, NOW + TOLERANCE + 1), NOW), "stamped in the future");
        assertTrue(new ReplayGuard().accept(hb(7, 1, NOW - TOLERANCE), NOW));
        assertTrue(new ReplayGuard().accept(hb(7, 1, NOW + TOLERANCE), NOW));
    }

    @Test
    void aNewBootStampedFarInTheFutureIsRefusedAndTheRealPeerGoesOn() {
        ReplayGuard g = new ReplayGuard();
        assertTrue(g.accept(hb(7, 1, NOW), NOW));
        assertFalse(g.accept(hb(8, 1, Long.MAX_VALUE), NOW));
        assertFalse(g.accept(hb(9, 1, NOW + 3_600_000), NOW));
        assertTrue(g.accept(hb(7, 2, NOW + 1000), NOW + 1000));
    }

    @Test
    void theFirstHeartbeatBeingAnOlderBootsDoesNotKeepTheCurrentBootOut() {
        ReplayGuard g = new ReplayGuard();
        // This node has just started; someone plays back what the peer sent before its own restart.
        assertTrue(g.accept(hb(7, 900, NOW - 5000), NOW));
        assertTrue(g.accept(hb(8, 40, NOW), NOW), "the boot the peer runs now");
        assertFalse(g.accept(hb(7, 901, NOW - 4000), NOW));
    }

    @Test
    void aForwardStepOfThePeersClockDoesNotRefuseItsNextBoot() {
        ReplayGuard g = new ReplayGuard();
        assertTrue(g.accept(hb(7, 1, NOW), NOW));
        assertTrue(g.accept(hb(7, 2, NOW + 86_400_000), NOW + 1000), "within a boot, timestamps are not compared");
        assertTrue(g.accept(hb(8, 1, NOW + 2000), NOW + 2000), "the peer restarted with its clock set right");
    }

    @Property
    void aDatagramIsNeverAcceptedTwice(@ForAll long boot, @ForAll long seq,
            @ForAll @LongRange(min = -TOLERANCE, max = TOLERANCE) long offset) {
        ReplayGuard g = new ReplayGuard();
        assertTrue(g.accept(hb(boot, seq, NOW + offset), NOW));
        assertFalse(g.accept(hb(boot, seq, NOW + offset), NOW));
    }

    /**
     * The real peer runs boot 1 since NOW. Any one datagram of what it could have sent before, or any
     * one datagram stamped outside the tolerance, changes nothing: its next heartbeat is accepted.
     */
    @Property
    void noSingleReplayedOrMisstampedDatagramLocksOutTheRealPeer(@ForAll long boot, @ForAll long seq,
            @ForAll long timestamp, @ForAll boolean beforeTheRealBoot) {
        ReplayGuard g = new ReplayGuard();
        assertTrue(g.accept(hb(1, 100, NOW), NOW));
        long stamp = beforeTheRealBoot ? Math.min(timestamp, NOW) : timestamp;
        boolean earlierOrMisstampedBoot = boot != 1 && (stamp <= NOW || !BootHistory.withinTolerance(stamp, NOW + 10));
        boolean earlierOfTheRealBoot = boot == 1 && Long.compareUnsigned(seq, 100) <= 0;
        net.jqwik.api.Assume.that(earlierOrMisstampedBoot || earlierOfTheRealBoot);
        g.accept(hb(boot, seq, stamp), NOW + 10);
        assertTrue(g.accept(hb(1, 101, NOW + 20), NOW + 20));
    }

    @Property
    void noSingleDatagramLocksOutTheRealPeerWhenItIsTheFirstThisNodeHears(@ForAll long boot, @ForAll long seq,
            @ForAll @LongRange(min = -TOLERANCE, max = 0) long offset) {
        // Anything the peer sent before its current boot started at NOW + 1 (played back), heard first.
        ReplayGuard g = new ReplayGuard();
        net.jqwik.api.Assume.that(boot != 1);
        g.accept(hb(boot, seq, NOW + offset), NOW);
        assertTrue(g.accept(hb(1, 100, NOW + 1), NOW + 1));
    }
}
