package io.jlvs.health;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.health.internal.check.Escapes;
import io.jlvs.health.internal.check.testing.TcpServer;
import io.jlvs.health.internal.check.testing.UdpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SendExpectCheckTest {
    private static final ConnectOptions SHORT = ConnectOptions.of(Duration.ofMillis(500));

    /** Answers "+PONG\r\n" to a line "PING". */
    private static void pingPong(java.net.Socket socket) throws Exception {
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.append((char) b);
        }
        if (line.toString().equals("PING\r")) {
            socket.getOutputStream().write("+PONG\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        socket.getOutputStream().flush();
        in.read(); // wait for the client to close
    }

    @Test
    void sendsEscapedBytesAndFindsTheLiteral() throws Exception {
        try (TcpServer server = TcpServer.start(SendExpectCheckTest::pingPong)) {
            ProbeResult result = SendExpectCheck.tcp("PING\\r\\n", Expectation.literal("+PONG\\r\\n")).probe(server.address());
            assertTrue(result.up(), result.reason());
        }
    }

    @Test
    void findsARegex() throws Exception {
        try (TcpServer server = TcpServer.start(SendExpectCheckTest::pingPong)) {
            ProbeResult result = SendExpectCheck.tcp("PING\\r\\n", Expectation.regex("^\\+P[A-Z]{3}\\r\\n"))
                    .probe(server.address());
            assertTrue(result.up(), result.reason());
            ProbeResult mismatch = SendExpectCheck.tcp("PING\\r\\n", Expectation.regex("^-ERR"))
                    .withOptions(SHORT).probe(server.address());
            assertFalse(mismatch.up());
            assertTrue(mismatch.reason().startsWith("regex /^-ERR/ not seen"), mismatch.reason());
        }
    }

    @Test
    void emptySendReadsTheBanner() throws Exception {
        try (TcpServer server = TcpServer.start(socket -> {
            socket.getOutputStream().write("SSH-2.0-OpenSSH_9.6\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getInputStream().read();
        })) {
            assertTrue(SendExpectCheck.tcp("", Expectation.literal("SSH-2.0")).probe(server.address()).up());
            ProbeResult wrong = SendExpectCheck.tcp("", Expectation.literal("220 ")).withOptions(SHORT).probe(server.address());
            assertFalse(wrong.up());
            assertTrue(wrong.reason().contains("SSH-2.0-OpenSSH_9.6\\r\\n"), wrong.reason());
        }
    }

    @Test
    void emptyExpectOnlySends() throws Exception {
        BlockingQueue<String> received = new ArrayBlockingQueue<>(1);
        try (TcpServer server = TcpServer.start(socket -> {
            byte[] bytes = socket.getInputStream().readAllBytes();
            received.add(new String(bytes, StandardCharsets.ISO_8859_1));
        })) {
            ProbeResult result = SendExpectCheck.tcp("a\\tb\\x00\\xff", Expectation.none()).probe(server.address());
            assertTrue(result.up(), result.reason());
            assertEquals("a\tb\u0000\u00ff", received.poll(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void garbageIsDown() throws Exception {
        try (TcpServer server = TcpServer.start(socket -> {
            socket.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x00, (byte) 0xff});
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            socket.getInputStream().read();
        })) {
            ProbeResult result = SendExpectCheck.tcp("PING\\r\\n", Expectation.literal("+PONG")).withOptions(SHORT)
                    .probe(server.address());
            assertFalse(result.up());
            assertTrue(result.reason().startsWith("connection closed without '+PONG'"), result.reason());
            assertTrue(result.reason().contains("\\x16\\x03\\x01\\x00\\xff"), result.reason());
        }
    }

    @Test
    void halfOpenServerTimesOut() throws Exception {
        try (TcpServer server = TcpServer.start(socket -> socket.getInputStream().readAllBytes())) {
            long start = System.nanoTime();
            ProbeResult result = SendExpectCheck.tcp("PING\\r\\n", Expectation.literal("+PONG")).withOptions(SHORT)
                    .probe(server.address());
            assertFalse(result.up());
            assertTrue(result.reason().contains("not seen within 500ms"), result.reason());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0);
        }
    }

    @Test
    void aDrippingServerCannotOutlastTheReadTimeout() throws Exception {
        try (TcpServer server = TcpServer.start(socket -> {
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < 1000; i++) {
                out.write('.');
                out.flush();
                Thread.sleep(100);
            }
        })) {
            ProbeResult result = SendExpectCheck.tcp("", Expectation.literal("never")).withOptions(SHORT)
                    .probe(server.address());
            assertFalse(result.up());
            assertTrue(result.reason().contains("not seen within 500ms"), result.reason());
        }
    }

    @Test
    void refusedIsDown() throws Exception {
        ProbeResult result = SendExpectCheck.tcp("x", Expectation.literal("y")).probe(TcpServer.refusingAddress());
        assertEquals("connection refused", result.reason());
    }

    @Test
    void sourceAddressIsBound() throws Exception {
        InetAddress source = InetAddress.getByName("127.0.0.2");
        try (TcpServer server = TcpServer.start(SendExpectCheckTest::pingPong)) {
            ProbeResult result = SendExpectCheck.tcp("PING\\r\\n", Expectation.literal("+PONG"))
                    .withOptions(ConnectOptions.defaults().withSource(source)).probe(server.address());
            assertTrue(result.up(), result.reason());
            assertEquals(source, server.awaitPeers(1).get(0));
        }
    }

    @Test
    void udpEcho() throws Exception {
        try (UdpServer server = UdpServer.start(request -> request)) {
            ProbeResult result = SendExpectCheck.udp("hello\\n", Expectation.literal("hello")).probe(server.address());
            assertTrue(result.up(), result.reason());
        }
    }

    @Test
    void udpWrongReplyIsDown() throws Exception {
        try (UdpServer server = UdpServer.start(request -> "nope".getBytes(StandardCharsets.US_ASCII))) {
            ProbeResult result = SendExpectCheck.udp("hello", Expectation.regex("^hel+o")).probe(server.address());
            assertFalse(result.up());
            assertTrue(result.reason().contains("not in reply: nope"), result.reason());
        }
    }

    @Test
    void udpSilenceIsDownWhenAnAnswerIsExpected() throws Exception {
        try (UdpServer server = UdpServer.start(request -> null)) {
            ProbeResult result = SendExpectCheck.udp("hello", Expectation.literal("hello")).withOptions(SHORT)
                    .probe(server.address());
            assertFalse(result.up());
            assertEquals("no reply within 500ms", result.reason());
            ProbeResult noExpectation = SendExpectCheck.udp("hello", Expectation.none()).withOptions(SHORT)
                    .probe(server.address());
            assertTrue(noExpectation.up(), noExpectation.reason());
        }
    }

    @Test
    void udpPortUnreachableIsDown() throws Exception {
        ProbeResult result = SendExpectCheck.udp("hello", Expectation.none())
                .withOptions(ConnectOptions.of(Duration.ofSeconds(5))).probe(UdpServer.closedPort());
        assertFalse(result.up());
        assertEquals("port unreachable (ICMP)", result.reason());
    }

    @Test
    void badConfigurationIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> SendExpectCheck.udp("", Expectation.literal("x")));
        IllegalArgumentException escape = assertThrows(IllegalArgumentException.class,
                () -> SendExpectCheck.tcp("GET \\q", Expectation.none()));
        assertTrue(escape.getMessage().contains("unknown escape \\q"), escape.getMessage());
        IllegalArgumentException regex = assertThrows(IllegalArgumentException.class, () -> Expectation.regex("a(b"));
        assertTrue(regex.getMessage().contains("a(b"), regex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Expectation.literal("\\x4"));
    }

    @Test
    void escapes() {
        assertArrayEquals(new byte[] {'\r', '\n', '\t', 0, '\\', (byte) 0xAB, 'z'}, Escapes.decode("\\r\\n\\t\\0\\\\\\xABz"));
        assertArrayEquals("é".getBytes(StandardCharsets.UTF_8), Escapes.decode("é"));
        assertThrows(IllegalArgumentException.class, () -> Escapes.decode("end\\"));
        assertThrows(IllegalArgumentException.class, () -> Escapes.decode("\\xg0"));
    }

    @Test
    void valueEquality() {
        assertEquals(SendExpectCheck.tcp("a", Expectation.regex("b")), SendExpectCheck.tcp("a", Expectation.regex("b")));
        assertFalse(SendExpectCheck.tcp("a", Expectation.regex("b")).equals(SendExpectCheck.tcp("a", Expectation.literal("b"))));
        assertEquals("udp", SendExpectCheck.udp("a", Expectation.none()).type());
    }
}
