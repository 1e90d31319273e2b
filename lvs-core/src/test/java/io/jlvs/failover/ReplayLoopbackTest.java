package io.jlvs.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.failover.internal.heartbeat.Heartbeat;
import io.jlvs.failover.internal.heartbeat.HeartbeatCodec;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A real node against a peer played by the test, which holds the key and so can show what the
 * node does with captured datagrams played back.
 */
class ReplayLoopbackTest {
    private static final Duration KEEPALIVE = Duration.ofMillis(50);

    @Test
    void capturedHeartbeatsPlayedBackAreCountedAndNeverObeyed() throws Exception {
        LoopbackPair pair = new LoopbackPair(17);
        HeartbeatKey key = HeartbeatKey.of(LoopbackPair.KEY);
        FailoverConfig config = FailoverConfig.builder(1, key).priority(100).port(pair.port).keepalive(KEEPALIVE)
                .deadtime(KEEPALIVE.multipliedBy(4)).holdDown(KEEPALIVE.multipliedBy(4))
                .peer(Peer.of(2, pair.publicPath(1))).build();
        HeartbeatCodec codec = new HeartbeatCodec(key);
        InetSocketAddress node = new InetSocketAddress(pair.public1, pair.port);
        long boot = 0x5eed;
        long[] seq = {0};
        try (FailoverNode one = FailoverNode.builder(config).start();
                DatagramSocket peer = new DatagramSocket(new InetSocketAddress(pair.public2, pair.port))) {
            // The peer is active with the top priority: the node becomes backup. Keep its first datagram.
            byte[] captured = frame(codec, Role.ACTIVE, 255, boot, ++seq[0], System.currentTimeMillis(), pair.public1);
            send(peer, captured, node);
            sendUntil(peer, node, () -> frame(codec, Role.ACTIVE, 255, boot, ++seq[0], System.currentTimeMillis(),
                    pair.public1), () -> one.role() == Role.BACKUP);
            long stamp = System.currentTimeMillis();
            // It drops to a low priority backup: the node takes over.
            sendUntil(peer, node, () -> frame(codec, Role.BACKUP, 10, boot, ++seq[0], System.currentTimeMillis(),
                    pair.public1), () -> one.role() == Role.ACTIVE);

            long replayedBefore = one.statistics().replayed();
            byte[] oldBoot = frame(codec, Role.ACTIVE, 255, boot + 1, 1, stamp - 60_000, pair.public1);
            byte[] otherPath = frame(codec, Role.ACTIVE, 255, boot, Long.MAX_VALUE, System.currentTimeMillis(),
                    InetAddress.getByName("127.9.9.9"));
            for (int i = 0; i < 40; i++) {
                // The live peer keeps talking, and next to it the three played-back claims to be active.
                send(peer, frame(codec, Role.BACKUP, 10, boot, ++seq[0], System.currentTimeMillis(), pair.public1), node);
                send(peer, captured, node);
                send(peer, oldBoot, node);
                send(peer, otherPath, node);
                Thread.sleep(KEEPALIVE.toMillis());
                assertEquals(Role.ACTIVE, one.role(), "after round " + i);
            }
            assertTrue(one.statistics().replayed() - replayedBefore >= 3 * 40 - 3, one.statistics()::toString);
            assertEquals(PeerState.ALIVE, one.peers().get(0).state());
            assertEquals(Role.BACKUP, one.peers().get(0).role().orElseThrow());
        }
    }

    private static byte[] frame(HeartbeatCodec codec, Role role, int priority, long boot, long seq, long time,
            InetAddress to) {
        return codec.encode(new Heartbeat(1, 2, role, priority, true, boot, seq, time, to));
    }

    private static void send(DatagramSocket s, byte[] frame, InetSocketAddress to) throws Exception {
        s.send(new DatagramPacket(frame, frame.length, to));
    }

    private interface Frames {
        byte[] next() throws Exception;
    }

    private static void sendUntil(DatagramSocket s, InetSocketAddress to, Frames frames, BooleanSupplier done)
            throws Exception {
        for (int i = 0; i < 400 && !done.getAsBoolean(); i++) {
            send(s, frames.next(), to);
            Thread.sleep(KEEPALIVE.toMillis());
        }
        assertTrue(done.getAsBoolean(), "the node did not reach the expected role in 20 s");
    }
}
