package io.jlvs.failover.internal.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.failover.HeartbeatPath;
import io.jlvs.failover.PathStatus;
import io.jlvs.failover.Peer;
import io.jlvs.failover.PeerChange;
import io.jlvs.failover.PeerState;
import io.jlvs.failover.Role;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PeerTrackerTest {
    private static final long MS = 1_000_000L;
    private static final long DEAD = 400 * MS;
    private final Peer peer = Peer.of(2, path("public", 1), path("private", 2));
    private final PeerTracker t = new PeerTracker(peer, DEAD, () -> 1000);
    private long seq;

    @Test
    void deadUntilHeardThenDegradedThenAliveOnBothPaths() {
        assertEquals(PeerState.DEAD, t.state());
        assertTrue(t.heard(0, hb(Role.BACKUP, 1), 0));
        assertEquals(PeerState.DEGRADED, t.refresh(0, Instant.EPOCH).orElseThrow().current());
        t.heard(1, hb(Role.BACKUP, 1), 10 * MS);
        PeerChange c = t.refresh(10 * MS, Instant.EPOCH).orElseThrow();
        assertEquals(PeerState.ALIVE, c.current());
        assertEquals(List.of("public", "private"), c.pathsUp());
    }

    @Test
    void eachPathSaysWhetherItIsUpAndWhenItLastCarriedAHeartbeat() {
        Instant wall = Instant.parse("2026-12-04T10:00:00Z");
        assertEquals(List.of(new PathStatus("public", false, Optional.empty()), new PathStatus("private", false, Optional.empty())),
                t.paths(0, wall), "never heard");
        t.heard(0, hb(Role.BACKUP, 1), 100 * MS);
        t.heard(1, hb(Role.BACKUP, 1), 200 * MS);
        assertEquals(List.of(new PathStatus("public", false, Optional.of(wall.minusMillis(400))),
                new PathStatus("private", true, Optional.of(wall.minusMillis(300)))), t.paths(500 * MS, wall),
                "public silent for the dead time, private heard 300 ms ago");
    }

    @Test
    void onePathSilentForTheDeadTimeIsDegradedAndBothIsDead() {
        t.heard(0, hb(Role.BACKUP, 1), 0);
        t.heard(1, hb(Role.BACKUP, 1), 0);
        t.refresh(0, Instant.EPOCH);
        t.heard(1, hb(Role.BACKUP, 1), 300 * MS);
        assertTrue(t.refresh(DEAD - 1, Instant.EPOCH).isEmpty(), "still fresh one ns before the dead time");
        PeerChange degraded = t.refresh(DEAD, Instant.EPOCH).orElseThrow();
        assertEquals(PeerState.DEGRADED, degraded.current());
        assertEquals(List.of("public"), degraded.pathsDown());
        assertEquals(300 * MS + DEAD, t.nextExpiry(DEAD));
        assertEquals(PeerState.DEAD, t.refresh(300 * MS + DEAD, Instant.EPOCH).orElseThrow().current());
        assertEquals(Long.MAX_VALUE, t.nextExpiry(300 * MS + DEAD));
    }

    @Test
    void silentForCountsFromTheNewestHeartbeatOfAnyPath() {
        assertTrue(t.silentFor(0).isEmpty(), "never heard");
        t.heard(0, hb(Role.BACKUP, 1), 10 * MS);
        t.heard(1, hb(Role.BACKUP, 1), 50 * MS);
        assertEquals(450 * MS, t.silentFor(500 * MS).getAsLong());
    }

    @Test
    void aliveSinceCountsFromTheEndOfTheLastSilence() {
        t.heard(0, hb(Role.BACKUP, 1), 0);
        t.heard(0, hb(Role.BACKUP, 1), 100 * MS);
        assertEquals(0, t.aliveSince());
        t.refresh(1000 * MS, Instant.EPOCH);
        t.heard(0, hb(Role.BACKUP, 1), 1000 * MS);
        assertEquals(1000 * MS, t.aliveSince(), "dead in between: the hold-down starts again");
    }

    @Test
    void aRestartWithinTheDeadTimeRestartsTheHealthRecord() {
        t.heard(0, hb(Role.BACKUP, 1), 0);
        t.heard(0, new Heartbeat(1, 2, Role.INIT, 100, true, 99, 1, 10_000, InetAddress.getLoopbackAddress()), 200 * MS);
        assertEquals(200 * MS, t.aliveSince());
    }

    @Test
    void aGoodbyeMakesThePeerDeadAtOnce() {
        t.heard(0, hb(Role.ACTIVE, 1), 0);
        t.heard(1, hb(Role.ACTIVE, 1), 0);
        t.refresh(0, Instant.EPOCH);
        t.heard(0, hb(Role.STOPPED, 1), 10 * MS);
        assertEquals(PeerState.DEAD, t.refresh(10 * MS, Instant.EPOCH).orElseThrow().current());
        assertFalse(t.alive());
    }

    @Test
    void aLateCopyOnAnotherPathNeitherRollsTheRoleBackNorRevivesAPeerThatSaidGoodbye() {
        Heartbeat active = hb(Role.ACTIVE, 1);
        t.heard(0, active, 0);
        t.heard(0, hb(Role.BACKUP, 1), 50 * MS);
        assertTrue(t.heard(1, active, 60 * MS), "new on path 1, so taken as proof the path works");
        assertEquals(Role.BACKUP, t.latest().orElseThrow().role());
        assertEquals(PeerState.ALIVE, t.refresh(60 * MS, Instant.EPOCH).orElseThrow().current());

        Heartbeat beforeGoodbye = hb(Role.ACTIVE, 1);
        t.heard(0, hb(Role.STOPPED, 1), 100 * MS);
        t.heard(1, beforeGoodbye, 110 * MS);
        assertEquals(PeerState.DEAD, t.refresh(110 * MS, Instant.EPOCH).orElseThrow().current());
        assertEquals(Role.STOPPED, t.latest().orElseThrow().role());
    }

    @Test
    void aReplayChangesNothing() {
        Heartbeat first = hb(Role.ACTIVE, 1);
        t.heard(0, first, 0);
        t.heard(0, hb(Role.BACKUP, 1), 50 * MS);
        assertFalse(t.heard(0, first, 100 * MS));
        assertEquals(Role.BACKUP, t.latest().orElseThrow().role());
    }

    @Test
    void aLateCopyOfTheBootBeforeARestartCannotBringThatBootBack() {
        Heartbeat beforeRestart = hb(Role.ACTIVE, 1);
        t.heard(0, beforeRestart, 0);
        assertTrue(t.heard(0, hb(Role.BACKUP, 2), 50 * MS), "the restarted peer");
        // New on path 1, so its path guard takes it; but it is older than the boot the peer runs now.
        assertFalse(t.heard(1, beforeRestart, 60 * MS));
        assertEquals(2, t.latest().orElseThrow().bootId());
        assertEquals(Role.BACKUP, t.latest().orElseThrow().role());
        assertTrue(t.heard(1, hb(Role.BACKUP, 2), 70 * MS), "and path 1 follows the current boot at once");
    }

    private Heartbeat hb(Role role, long boot) {
        return new Heartbeat(1, 2, role, 100, true, boot, ++seq, 1000 + seq, InetAddress.getLoopbackAddress());
    }

    private static HeartbeatPath path(String name, int net) {
        try {
            return new HeartbeatPath(name, InetAddress.getByAddress(new byte[] {10, (byte) net, 0, 1}),
                    InetAddress.getByAddress(new byte[] {10, (byte) net, 0, 2}));
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
