package io.jlvs.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.health.internal.check.testing.TcpServer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TcpConnectCheckTest {

    @Test
    void upWhenTheServerAccepts() throws Exception {
        try (TcpServer server = TcpServer.start(socket -> {})) {
            ProbeResult result = TcpConnectCheck.withDefaults().probe(server.address());
            assertTrue(result.up(), result.reason());
            assertEquals("connected", result.reason());
            assertTrue(result.weight().isEmpty());
        }
    }

    @Test
    void downWhenRefused() throws Exception {
        ProbeResult result = TcpConnectCheck.withDefaults().probe(TcpServer.refusingAddress());
        assertFalse(result.up());
        assertEquals("connection refused", result.reason());
    }

    @Test
    void bindsTheSourceAddress() throws Exception {
        InetAddress source = InetAddress.getByName("127.0.0.2");
        try (TcpServer server = TcpServer.start(socket -> {})) {
            ProbeResult result = new TcpConnectCheck(ConnectOptions.defaults().withSource(source)).probe(server.address());
            assertTrue(result.up(), result.reason());
            assertEquals(List.of(source), server.awaitPeers(1));
        }
    }

    @Test
    void anUnusableSourceAddressIsDownWithTheReason() throws Exception {
        // TEST-NET-1 is on no interface of this host, so bind fails with EADDRNOTAVAIL
        InetAddress source = InetAddress.getByName("192.0.2.77");
        try (TcpServer server = TcpServer.start(socket -> {})) {
            ProbeResult result = new TcpConnectCheck(ConnectOptions.defaults().withSource(source)).probe(server.address());
            assertFalse(result.up());
            assertTrue(result.reason().contains("cannot bind source address 192.0.2.77"), result.reason());
        }
    }

    @Test
    void valueEquality() {
        ConnectOptions options = ConnectOptions.of(Duration.ofSeconds(2));
        assertEquals(new TcpConnectCheck(options), new TcpConnectCheck(ConnectOptions.of(Duration.ofSeconds(2))));
        assertEquals(new TcpConnectCheck(options).hashCode(), new TcpConnectCheck(options).hashCode());
        assertNotEquals(new TcpConnectCheck(options), TcpConnectCheck.withDefaults());
        assertEquals("tcp", TcpConnectCheck.withDefaults().type());
        assertEquals(Duration.ofSeconds(2), new TcpConnectCheck(options).timeout());
    }

    @Test
    void timeoutsMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ConnectOptions(Duration.ZERO, Duration.ofSeconds(1), Optional.empty()));
        assertTrue(e.getMessage().contains("connect timeout"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ConnectOptions(Duration.ofSeconds(1), Duration.ofSeconds(-1), Optional.empty()));
    }
}
