package io.jlvs.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.failover.internal.heartbeat.Heartbeat;
import io.jlvs.failover.internal.heartbeat.HeartbeatCodec;
import io.jlvs.testing.Poll;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Two real nodes on loopback while a third party floods every path, in both directions, from the
 * peers' own addresses: random bytes, datagrams with the wrong key, and datagrams signed with the
 * group's key (as anyone holding a derived key could make, or a real capture played back) that
 * claim a new boot stamped far in the future or long ago. None of it may move a role, and each
 * node must go on accepting its real peer's heartbeats on every path.
 */
class HostileTrafficLoopbackTest {
    private static final Duration KEEPALIVE = Duration.ofMillis(200);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int ROUNDS = 30;

    @Test
    void aFloodOfRandomForgedAndReplayedDatagramsOnEveryPathChangesNoRole() throws Exception {
        LoopbackPair pair = new LoopbackPair(18);
        LoopbackPair.Recorder events1 = new LoopbackPair.Recorder();
        LoopbackPair.Recorder events2 = new LoopbackPair.Recorder();
        HeartbeatCodec groupKey = new HeartbeatCodec(HeartbeatKey.of(LoopbackPair.KEY));
        HeartbeatCodec wrongKey = new HeartbeatCodec(HeartbeatKey.of("not the group's key, 32 bytes..!".getBytes()));
        Random random = new Random(18);
        try (FailoverNode one = FailoverNode.builder(pair.config(1, 200, KEEPALIVE).build()).listener(events1).start();
                FailoverNode two = FailoverNode.builder(pair.config(2, 100, KEEPALIVE).build()).listener(events2).start()) {
            FailoverNodeLoopbackTest.awaitRole(one, Role.ACTIVE);
            FailoverNodeLoopbackTest.awaitRole(two, Role.BACKUP);
            Poll.until(WAIT, "node 1 hears node 2 on both paths", () -> one.peers().get(0).state(), s -> s == PeerState.ALIVE);
            Poll.until(WAIT, "node 2 hears node 1 on both paths", () -> two.peers().get(0).state(), s -> s == PeerState.ALIVE);

            long accepted1 = one.statistics().accepted();
            long accepted2 = two.statistics().accepted();
            List<Target> targets = List.of(
                    // To the active node, as node 2 taking over; to the backup, as node 1 giving up.
                    new Target(pair.public2, pair.public1, 2, Role.ACTIVE, 255, pair.port),
                    new Target(pair.private2, pair.private1, 2, Role.ACTIVE, 255, pair.port),
                    new Target(pair.public1, pair.public2, 1, Role.BACKUP, 0, pair.port),
                    new Target(pair.private1, pair.private2, 1, Role.BACKUP, 0, pair.port));
            for (int round = 0; round < ROUNDS; round++) {
                for (Target t : targets) {
                    t.flood(random, groupKey, wrongKey);
                }
                Thread.sleep(KEEPALIVE.toMillis());
                assertEquals(Role.ACTIVE, one.role(), "node 1 after round " + round);
                assertEquals(Role.BACKUP, two.role(), "node 2 after round " + round);
            }
            assertEquals(List.of(Role.ACTIVE), events1.roleSequence());
            assertEquals(List.of(Role.BACKUP), events2.roleSequence());
            assertEquals(PeerState.ALIVE, one.peers().get(0).state());
            assertEquals(PeerState.ALIVE, two.peers().get(0).state());
            assertEquals(Role.BACKUP, one.peers().get(0).role().orElseThrow());
            assertEquals(200, two.peers().get(0).priority());
            // The real heartbeats went on being taken during the flood: about two per keepalive (two paths).
            assertTrue(one.statistics().accepted() - accepted1 >= ROUNDS, one.statistics()::toString);
            assertTrue(two.statistics().accepted() - accepted2 >= ROUNDS, two.statistics()::toString);
            assertTrue(one.statistics().rejected() >= ROUNDS * 2L * Target.PER_ROUND, one.statistics()::toString);
        }
    }

    /** Datagrams to the node on {@code to}, sent from its peer's address {@code from} claiming to be {@code claimedNode}. */
    private record Target(InetAddress from, InetAddress to, int claimedNode, Role claim, int priority, int port) {
        static final int PER_ROUND = 7;

        void flood(Random random, HeartbeatCodec groupKey, HeartbeatCodec wrongKey) throws Exception {
            long now = System.currentTimeMillis();
            List<byte[]> frames = new ArrayList<>();
            byte[] noise = new byte[random.nextInt(200)];
            random.nextBytes(noise);
            frames.add(noise);
            byte[] shaped = new byte[HeartbeatCodec.LENGTH];
            random.nextBytes(shaped);
            shaped[0] = 0x4A;
            shaped[1] = 0x48;
            shaped[2] = (byte) HeartbeatCodec.VERSION;
            frames.add(shaped);
            frames.add(wrongKey.encode(claim(random.nextLong(), now)));
            // Signed with the group's key: a new boot far in the future (the lock-out), one long ago
            // (a capture played back), and one at a random time.
            frames.add(groupKey.encode(claim(random.nextLong(), now + 86_400_000L * (1 + random.nextInt(3650)))));
            frames.add(groupKey.encode(claim(random.nextLong(), Long.MAX_VALUE)));
            frames.add(groupKey.encode(claim(random.nextLong(), now - 3_600_000L - random.nextInt(1_000_000))));
            frames.add(groupKey.encode(claim(random.nextLong(), random.nextLong())));
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(from, 0))) {
                for (byte[] f : frames) {
                    s.send(new DatagramPacket(f, f.length, new InetSocketAddress(to, port)));
                }
            }
        }

        private Heartbeat claim(long boot, long timestamp) {
            return new Heartbeat(1, claimedNode, claim, priority, true, boot, 1, timestamp, to);
        }
    }
}
