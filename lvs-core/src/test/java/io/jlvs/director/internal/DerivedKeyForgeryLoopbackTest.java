package io.jlvs.director.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.config.Configuration;
import io.jlvs.config.LvsCf;
import io.jlvs.failover.FailoverNode;
import io.jlvs.failover.HeartbeatKey;
import io.jlvs.failover.Role;
import io.jlvs.failover.internal.heartbeat.Heartbeat;
import io.jlvs.failover.internal.heartbeat.HeartbeatCodec;
import io.jlvs.testing.Poll;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack a key derived from the configuration allows: someone who knows the directors'
 * addresses and port (all in lvs.cf, most on the wire) computes the key and, from the backup's
 * address, claims "ACTIVE, priority 255". The primary runs alone on loopback here.
 */
class DerivedKeyForgeryLoopbackTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final InetAddress primary = ip("127.0.19.1");
    private final InetAddress backup = ip("127.0.19.2");
    private final int port = freePort(primary);
    private final String pair = "primary = 127.0.19.1\nbackup = 127.0.19.2\nbackup_active = 1\nheartbeat = 1\n"
            + "heartbeat_port = " + port + "\nkeepalive = 0.1\ndeadtime = 0.5\n";

    @Test
    void withAKeyFileTheForgedClaimIsRejectedAndThePrimaryStaysActive(@TempDir Path dir) throws Exception {
        Configuration config = HeartbeatAuthenticationTest.withKey(pair, dir);
        try (FailoverNode node = FailoverNode.builder(FailoverRolePort.failoverConfig(config, true)).start()) {
            Poll.until(WAIT, "the primary alone becomes active", node::role, r -> r == Role.ACTIVE);
            long before = node.statistics().badMac();
            forge(40);
            Poll.until(WAIT, "forged datagrams counted", () -> node.statistics().badMac() - before, n -> n >= 40);
            assertEquals(Role.ACTIVE, node.role());
            assertEquals(0, node.statistics().accepted());
        }
    }

    @Test
    void heartbeatInsecureReallyIsInsecure() throws Exception {
        // What every pair without a key file got before: the same forgery makes the primary step down.
        Configuration config = LvsCf.parse("lvs.cf", pair + "heartbeat_insecure = 1\n").configuration();
        try (FailoverNode node = FailoverNode.builder(FailoverRolePort.failoverConfig(config, true)).start()) {
            Poll.until(WAIT, "the primary alone becomes active", node::role, r -> r == Role.ACTIVE);
            for (int i = 0; i < 200 && node.role() == Role.ACTIVE; i++) {
                forge(1);
                Thread.sleep(50);
            }
            assertEquals(Role.BACKUP, node.role(), "the forged peer took the active role");
            assertTrue(node.statistics().accepted() > 0);
        }
    }

    /** Sends {@code n} forged claims from the backup's address, signed as an attacker derives the key. */
    private void forge(int n) throws Exception {
        byte[] seed = ("jlvs-heartbeat:127.0.19.1:127.0.19.2:" + port).getBytes(StandardCharsets.UTF_8);
        HeartbeatCodec codec = new HeartbeatCodec(HeartbeatKey.of(MessageDigest.getInstance("SHA-256").digest(seed)));
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(backup, 0))) {
            for (int i = 0; i < n; i++) {
                byte[] frame = codec.encode(new Heartbeat(1, FailoverRolePort.BACKUP_ID, Role.ACTIVE, 255, true, 0xbad,
                        System.nanoTime(), System.currentTimeMillis(), primary));
                s.send(new DatagramPacket(frame, frame.length, new InetSocketAddress(primary, port)));
            }
        }
    }

    private static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static int freePort(InetAddress on) {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(on, 0))) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
