package io.jlvs.failover.internal.heartbeat;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.netlink.NetworkNamespace;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeartbeatTransportTest {

    @Test
    void aSecondInstanceCannotBindTheSameHeartbeatPort() throws Exception {
        InetAddress local = InetAddress.getByName("127.0.31.1");
        int port;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(local, 0))) {
            port = probe.getLocalPort();
        }
        try (HeartbeatTransport first = HeartbeatTransport.open(NetworkNamespace.current(), null, Set.of(local), port)) {
            // Two directors sharing one port would each read only some of the peer's heartbeats.
            UncheckedIOException e = assertThrows(UncheckedIOException.class,
                    () -> HeartbeatTransport.open(NetworkNamespace.current(), null, Set.of(local), port).close());
            assertTrue(e.getMessage().contains("127.0.31.1 port " + port), e.getMessage());
        }
    }
}
