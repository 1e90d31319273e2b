package io.jlvs.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailoverConfigTest {
    private static final HeartbeatKey KEY = HeartbeatKey.of(new byte[32]);
    private final LoopbackPair pair = new LoopbackPair(30);

    private static void refused(String expectedText, Supplier<?> build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build::get);
        assertTrue(e.getMessage().contains(expectedText), e.getMessage());
    }

    @Test
    void defaultsArePiranhaLike() {
        FailoverConfig c = FailoverConfig.builder(1, KEY).peer(Peer.of(2, pair.publicPath(1))).build();
        assertEquals(539, c.port());
        assertEquals(c.deadtime(), c.initialWait());
        assertEquals(java.util.Set.of(pair.public1), c.localAddresses());
    }

    @Test
    void badSettingsAreNamed() {
        Peer peer = Peer.of(2, pair.publicPath(1));
        refused("deadtime", () -> FailoverConfig.builder(1, KEY).peer(peer).keepalive(Duration.ofSeconds(2))
                .deadtime(Duration.ofSeconds(2)).build());
        refused("keepalive", () -> FailoverConfig.builder(1, KEY).peer(peer).keepalive(Duration.ofMillis(1)).build());
        refused("priority", () -> FailoverConfig.builder(1, KEY).peer(peer).priority(256).build());
        refused("port", () -> FailoverConfig.builder(1, KEY).peer(peer).port(0).build());
        refused("no peers", () -> FailoverConfig.builder(1, KEY).build());
        refused("own id", () -> FailoverConfig.builder(2, KEY).peer(peer).build());
        refused("listed twice", () -> FailoverConfig.builder(1, KEY).peer(peer).peer(peer).build());
        refused("repeats a path", () -> FailoverConfig.builder(1, KEY).peer(peer).peer(Peer.of(3, pair.publicPath(1)))
                .build());
        refused("node id", () -> FailoverConfig.builder(0, KEY).peer(peer).build());
    }

    @Test
    void pathsMustJoinAddressesOfOneFamily() throws Exception {
        refused("different address families", () -> new HeartbeatPath("public", pair.public1, ipv6()));
        refused("two paths named", () -> Peer.of(2, pair.publicPath(1), new HeartbeatPath("public", pair.private1,
                pair.private2)));
    }

    @Test
    void keysShorterThan16BytesAreRefusedAndTheKeyIsNeverPrinted(@TempDir Path dir) throws Exception {
        refused("at least 16", () -> HeartbeatKey.of(new byte[15]));
        Path file = dir.resolve("key");
        Files.write(file, new byte[8]);
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        refused("holds 8 bytes", () -> HeartbeatKey.fromFile(file));
        Files.writeString(file, "a secret of more than sixteen bytes");
        HeartbeatKey key = HeartbeatKey.fromFile(file);
        assertEquals(HeartbeatKey.of("a secret of more than sixteen bytes".getBytes()), key);
        assertTrue(!key.toString().contains("secret"));
    }

    private static InetAddress ipv6() {
        try {
            return InetAddress.getByName("::1");
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
