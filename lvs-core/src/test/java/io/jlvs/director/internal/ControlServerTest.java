package io.jlvs.director.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control socket for real, on the host: file mode, line protocol, limits, and who may connect. */
class ControlServerTest {
    @TempDir
    Path dir;
    ControlServer server;
    final RecordingTarget target = new RecordingTarget();

    Path start() {
        server = ControlServer.start(dir.resolve("run/jlvsd.sock"), Optional.empty(), target);
        return server.path();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static final class Client implements AutoCloseable {
        final SocketChannel channel;
        final BufferedReader in;
        final OutputStream out;

        Client(Path path) throws IOException {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(path));
            in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
            out = Channels.newOutputStream(channel);
        }

        String ask(String line) throws IOException {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return in.readLine();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    @Test
    void answersOneLinePerRequestOnOneConnection() throws Exception {
        Path p = start();
        try (Client c = new Client(p)) {
            assertTrue(c.ask("{\"command\":\"status\"}").startsWith("{\"ok\":true,\"result\":{"));
            assertTrue(c.ask("{\"command\":\"plan\"}").contains("add service TCP 10.0.0.1:80 wlc"));
        }
        assertEquals(List.of("status", "plan"), target.calls);
    }

    @Test
    void socketIsOwnerOnlyInAnOwnerOnlyDirectory() throws Exception {
        Path p = start();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p.getParent())));
    }

    static final String TOO_LONG = "{\"ok\":false,\"error\":\"request line longer than 65536 bytes (2162688 for plan"
            + " and apply-config, whose lvs.cf text may have 1048576 bytes)\"}";

    @Test
    void aLineOverTheConfigLimitIsRefusedAndTheConnectionClosed() throws Exception {
        Path p = start();
        try (Client c = new Client(p)) {
            String answer = c.ask("{\"command\":\"plan\",\"config\":\"" + "x".repeat(ControlProtocol.MAX_CONFIG_LINE + 10) + "\"}");
            assertEquals(TOO_LONG, answer);
            assertEquals(null, c.in.readLine());
        }
        assertTrue(target.calls.isEmpty());
    }

    @Test
    void aLongLineIsRefusedUnlessItCarriesAConfiguration() throws Exception {
        Path p = start();
        try (Client c = new Client(p)) {
            assertEquals(TOO_LONG, c.ask("{\"command\":\"status\",\"x\":\"" + "x".repeat(ControlProtocol.MAX_LINE) + "\"}"));
            assertTrue(target.calls.isEmpty());
            // 300 KiB of lvs.cf over the socket: a comment of that length, planned (not refused for its size)
            String text = "# " + "x".repeat(300 * 1024) + "\\n";
            String answer = c.ask("{\"command\":\"plan\",\"config\":\"" + text + "\"}");
            assertTrue(answer.startsWith("{\"ok\":true"), answer.substring(0, Math.min(300, answer.length())));
            assertEquals(List.of("check " + (text.length() - 1), "plan-config"), target.calls);
        }
    }

    @Test
    void closeStopsAcceptingClosesConnectionsAndRemovesTheFile() throws Exception {
        Path p = start();
        try (Client c = new Client(p)) {
            c.ask("{\"command\":\"status\"}");
            server.close();
            assertEquals(null, c.in.readLine());
        }
        assertFalse(Files.exists(p));
        assertThrows(IOException.class, () -> new Client(p).close());
    }

    @Test
    void secondServerOnALivePathIsRefusedAStaleFileIsReplaced() throws Exception {
        Path p = start();
        var e = assertThrows(java.io.UncheckedIOException.class, () -> ControlServer.start(p, Optional.empty(), target));
        assertTrue(e.getMessage().contains("another process is listening"), e.getMessage());
        server.close();
        // A socket file nobody listens on, as a crashed jlvsd leaves it.
        try (var s = java.nio.channels.ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            s.bind(UnixDomainSocketAddress.of(p));
        }
        assertTrue(Files.exists(p));
        server = ControlServer.start(p, Optional.empty(), target);
        try (Client c = new Client(p)) {
            assertTrue(c.ask("{\"command\":\"status\"}").startsWith("{\"ok\":true"));
        }
    }

    @Test
    void peerPolicyAdmitsRootAndTheGroupOnly() throws Exception {
        assertTrue(PeerPolicy.rootOnly().permits(peer("root", "4243")));
        assertTrue(PeerPolicy.rootOnly().permits(peer("0", "0")), "uid 0 whatever its name");
        assertFalse(PeerPolicy.rootOnly().permits(peer("1000", "0")));
        PeerPolicy group = new PeerPolicy(Optional.of(lookup().lookupPrincipalByGroupName("4242")));
        assertTrue(group.permits(peer("1000", "4242")));
        assertFalse(group.permits(peer("1000", "4243")));
    }

    private static java.nio.file.attribute.UserPrincipalLookupService lookup() {
        return java.nio.file.FileSystems.getDefault().getUserPrincipalLookupService();
    }

    /** A peer as SO_PEERCRED gives it; a number that names no user or group is read as the id. */
    private static jdk.net.UnixDomainPrincipal peer(String user, String group) throws IOException {
        return new jdk.net.UnixDomainPrincipal(lookup().lookupPrincipalByName(user), lookup().lookupPrincipalByGroupName(group));
    }

    @Test
    void aRequestTrickledByteByByteIsCutOffAtTheRequestDeadline() throws Exception {
        server = ControlServer.start(dir.resolve("run/jlvsd.sock"), Optional.empty(), target, Duration.ofMillis(500),
                ControlServer.SEND_TIMEOUT);
        try (Client c = new Client(server.path())) {
            long t0 = System.nanoTime();
            boolean cut = false;
            // One byte every 100 ms: each read is quick, the line never ends. Bounded at 10 s.
            for (int i = 0; i < 100 && !cut; i++) {
                try {
                    c.out.write('{');
                    c.out.flush();
                } catch (IOException e) {
                    cut = true;
                }
                Thread.sleep(100);
            }
            assertTrue(cut, "the server closed the connection");
            assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(5).toNanos(), "near the 500 ms deadline");
        }
        assertTrue(target.calls.isEmpty());
    }

    @Test
    void aClientThatNeverReadsIsCutOffAtTheSendDeadline() throws Exception {
        server = ControlServer.start(dir.resolve("run/jlvsd.sock"), Optional.empty(), target, ControlServer.REQUEST_TIMEOUT,
                Duration.ofMillis(500));
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(server.path()));
            c.configureBlocking(false);
            byte[] request = "{\"command\":\"status\"}\n".getBytes(StandardCharsets.UTF_8);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            boolean cut = false;
            // Requests without ever reading an answer: the answers fill the server's socket buffer.
            while (!cut && System.nanoTime() < deadline) {
                try {
                    if (c.write(java.nio.ByteBuffer.wrap(request)) == 0) {
                        Thread.sleep(20);
                    }
                } catch (IOException e) {
                    cut = true;
                }
            }
            assertTrue(cut, "the server closed the connection");
        }
        assertFalse(target.calls.isEmpty());
    }

    /**
     * A client running as nobody (uid 65534): refused by the file mode while the socket is 0600, and
     * by the peer-credential check when the test opens the mode up to let it reach accept().
     */
    @Test
    void nonRootPeerIsRefused() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to start a client as another user");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux)");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path p = start();
        Files.setPosixFilePermissions(p.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path source = dir.resolve("Ask.java");
        Files.writeString(source, """
                import java.net.*; import java.nio.*; import java.nio.channels.*; import java.nio.charset.*;
                public class Ask {
                    public static void main(String[] a) throws Exception {
                        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                            c.connect(UnixDomainSocketAddress.of(a[0]));
                            c.write(ByteBuffer.wrap("{\\"command\\":\\"status\\"}\\n".getBytes(StandardCharsets.UTF_8)));
                            ByteBuffer b = ByteBuffer.allocate(4096);
                            while (c.read(b) > 0) { }
                            System.out.print(new String(b.array(), 0, b.position(), StandardCharsets.UTF_8));
                        } catch (java.io.IOException e) {
                            System.out.print("IOException: " + e.getMessage());
                        }
                    }
                }
                """);
        Files.setPosixFilePermissions(source, PosixFilePermissions.fromString("rw-r--r--"));

        String byMode = runAsNobody(source, p);
        assertTrue(byMode.contains("Permission denied"), byMode);

        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-rw-rw-"));
        String byCredentials = runAsNobody(source, p);
        assertTrue(byCredentials.contains("\"ok\":false") && byCredentials.contains("permission denied: user "), byCredentials);
        assertTrue(target.calls.isEmpty(), "nothing ran for the refused peer: " + target.calls);
    }

    private String runAsNobody(Path source, Path socket) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process pr = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                java.toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1", source.toString(), socket.toString())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .directory(dir.toFile()).start();
        pr.getOutputStream().close();
        String out = new String(pr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(pr.waitFor(120, TimeUnit.SECONDS), "client finished");
        return out;
    }

    @Test
    void anAcceptLoopThatStopsByItselfReportsTheFailure() throws Exception {
        java.util.concurrent.CompletableFuture<Throwable> reported = new java.util.concurrent.CompletableFuture<>();
        server = ControlServer.start(dir.resolve("run/jlvsd.sock"), Optional.empty(), target, reported::complete);

        server.breakListeningSocket();

        assertTrue(reported.get(10, TimeUnit.SECONDS) instanceof IOException);
    }

    @Test
    void closingIsNotAFailure() throws Exception {
        java.util.concurrent.CompletableFuture<Throwable> reported = new java.util.concurrent.CompletableFuture<>();
        server = ControlServer.start(dir.resolve("run/jlvsd.sock"), Optional.empty(), target, reported::complete);

        server.close();

        assertFalse(reported.isDone());
    }
}
