package io.jlvs.director;

import static io.jlvs.director.Fixtures.WEB;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.director.internal.DirectorParts;
import io.jlvs.director.internal.MonitorHealthPort;
import io.jlvs.director.internal.Role;
import io.jlvs.director.internal.StandaloneRole;
import io.jlvs.ipvs.RealServerAddress;
import io.jlvs.testing.Poll;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Control clients that are slow or silent cost only their own connections: with more of them than
 * the virtual-thread scheduler has carriers, a real server that dies is still judged down, and taken
 * out of the (in-memory) kernel table, within a few probe intervals.
 */
class DirectorSlowControlClientsTest {
    @TempDir
    Path dir;

    /** A loopback TCP server that accepts and closes, until closed itself. */
    static final class LoopbackServer implements AutoCloseable {
        final ServerSocket socket;
        final Thread acceptor;

        LoopbackServer() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = Thread.ofPlatform().daemon().name("loopback-real-server").start(() -> {
                while (!socket.isClosed()) {
                    try (Socket s = socket.accept()) {
                        // a TCP check only connects
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        @Override
        public void close() throws Exception {
            socket.close();
            acceptor.join(5_000);
        }
    }

    static String config(int port) {
        return """
                network = nat
                nat_router = 192.168.1.254 eth1:1
                virtual http {
                     address = 10.23.8.80 eth0:1
                     port = 80
                     scheduler = wlc
                     timeout = 600ms
                     reentry = 0
                     check_type = tcp
                     check_interval = 200ms
                     server web1 {
                         address = 127.0.0.1
                         port = %d
                         weight = 1
                     }
                }
                """.formatted(port);
    }

    @Test
    @Timeout(90)
    void aDeadRealServerIsTakenOutOnTimeWhileSlowClientsHoldTheControlSocket() throws Exception {
        int carriers = Runtime.getRuntime().availableProcessors();
        int slow = Math.min(15, carriers + 2);
        Path socket = dir.resolve("run/jlvsd.sock");
        // The group of a file this process makes is its own: allowed in by SO_PEERCRED even without root.
        GroupPrincipal own = (GroupPrincipal) Files.getAttribute(Files.createFile(dir.resolve("probe")), "posix:group");
        LoopbackServer real = new LoopbackServer();
        RealServerAddress web1 = new RealServerAddress(InetAddress.getLoopbackAddress(), real.socket.getLocalPort());
        MemoryKernel k = new MemoryKernel();
        DirectorParts parts = new DirectorParts(new Fixtures.ScriptedLoader(Fixtures.parse(config(real.socket.getLocalPort()))),
                c -> new MonitorHealthPort(), c -> new StandaloneRole(Role.ACTIVE), ns -> k);
        List<SocketChannel> clients = new ArrayList<>();
        try (Director d = Director.start(Fixtures.settings().controlSocket(socket).controlGroup(own.getName()).build(), parts)) {
            Poll.until(Duration.ofSeconds(20), "web1 in the kernel table", () -> k.server(WEB, web1), java.util.Optional::isPresent);
            Thread.sleep(1_000); // a few probes find it up
            assertTrue(k.server(WEB, web1).isPresent(), "a live real server stays in");
            for (int i = 0; i < slow; i++) {
                SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
                c.connect(UnixDomainSocketAddress.of(socket));
                if (i % 2 == 1) {
                    // The start of a request whose end never comes.
                    c.write(ByteBuffer.wrap("{\"comm".getBytes(StandardCharsets.UTF_8)));
                }
                clients.add(c);
            }
            Thread.sleep(500); // every slow client accepted and waited for

            // Three refused probes at 200 ms take it down; 12 s leaves room for a loaded machine and
            // is still well short of the 30 s after which the old server let its silent clients go.
            real.close();
            long t0 = System.nanoTime();
            Poll.until(Duration.ofSeconds(12), "web1 out of the kernel table", () -> k.server(WEB, web1), java.util.Optional::isEmpty);
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(seconds < 12, "took " + seconds + " s");
        } finally {
            for (SocketChannel c : clients) {
                c.close();
            }
            real.close();
        }
    }
}
