package io.jlvs.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.health.internal.check.testing.SelfSignedCertificate;
import io.jlvs.health.internal.check.testing.TcpServer;
import io.jlvs.health.internal.check.testing.WebServer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class HttpCheckTest {
    private static final ConnectOptions SHORT = ConnectOptions.of(Duration.ofMillis(700));
    private static SelfSignedCertificate certificate;

    @BeforeAll
    static void certificate() throws Exception {
        certificate = SelfSignedCertificate.create("real.jlvs.test");
    }

    private static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void upOn200AndSendsPathAndDefaultHost() throws Exception {
        try (WebServer web = WebServer.http(200, "hello")) {
            ProbeResult result = HttpCheck.http("/health?x=1").build().probe(web.address());
            assertTrue(result.up(), result.reason());
            assertEquals("HTTP 200 OK", result.reason());
            assertEquals(List.of("/health?x=1"), web.paths());
            assertEquals(List.of("127.0.0.1:" + web.address().getPort()), web.hosts());
        }
    }

    @Test
    void wrongStatusIsDown() throws Exception {
        try (WebServer web = WebServer.http(503, "busy")) {
            ProbeResult result = HttpCheck.http("/").build().probe(web.address());
            assertFalse(result.up());
            assertEquals("HTTP 503 Service Unavailable, expected 200-299", result.reason());
            assertTrue(HttpCheck.http("/").status(StatusCodes.parse("200-299 503")).build().probe(web.address()).up());
        }
    }

    @Test
    void redirectsAreNotFollowedAndAreDownByDefault() throws Exception {
        try (WebServer web = WebServer.http(302, "")) {
            assertFalse(HttpCheck.http("/").build().probe(web.address()).up());
            assertTrue(HttpCheck.http("/").status(StatusCodes.parse("200-399")).build().probe(web.address()).up());
        }
    }

    @Test
    void digestOfTheBody() throws Exception {
        try (WebServer web = WebServer.http(200, "exact body")) {
            assertTrue(HttpCheck.http("/").digest(md5("exact body").toUpperCase()).build().probe(web.address()).up());
            ProbeResult wrong = HttpCheck.http("/").digest(md5("other body")).build().probe(web.address());
            assertFalse(wrong.up());
            assertTrue(wrong.reason().contains("body MD5 " + md5("exact body") + " is not " + md5("other body")),
                    wrong.reason());
        }
    }

    @Test
    void digestOfAChunkedBody() throws Exception {
        try (WebServer web = WebServer.http(200, "")) {
            String body = "chunk ".repeat(5000);
            web.respond(200, body, true);
            ProbeResult result = HttpCheck.http("/").digest(md5(body)).build().probe(web.address());
            assertTrue(result.up(), result.reason());
        }
    }

    @Test
    void aBodyOverTheLimitCannotMatchADigestButCanMatchARegex() throws Exception {
        String body = "status: fine\n" + "x".repeat(10_000);
        try (WebServer web = WebServer.http(200, body)) {
            ProbeResult digest = HttpCheck.http("/").digest(md5(body)).maxBodyBytes(1000).build().probe(web.address());
            assertFalse(digest.up());
            assertTrue(digest.reason().contains("body longer than 1000 bytes"), digest.reason());
            assertTrue(HttpCheck.http("/").regex("status: fine").maxBodyBytes(1000).build().probe(web.address()).up());
        }
    }

    @Test
    void regexOnTheBody() throws Exception {
        try (WebServer web = WebServer.http(200, "db: ok, cache: ok")) {
            assertTrue(HttpCheck.http("/").regex("db: (ok|degraded)").build().probe(web.address()).up());
            ProbeResult wrong = HttpCheck.http("/").regex("db: down").build().probe(web.address());
            assertFalse(wrong.up());
            assertTrue(wrong.reason().contains("regex /db: down/ not found"), wrong.reason());
        }
    }

    @Test
    void hostHeader() throws Exception {
        try (WebServer web = WebServer.http(200, "")) {
            assertTrue(HttpCheck.http("/").host("www.example.test").build().probe(web.address()).up());
            assertEquals(List.of("www.example.test"), web.hosts());
        }
    }

    @Test
    void sourceAddressIsBound() throws Exception {
        InetAddress source = InetAddress.getByName("127.0.0.2");
        try (WebServer web = WebServer.http(200, "")) {
            ProbeResult result = HttpCheck.http("/").options(ConnectOptions.defaults().withSource(source)).build()
                    .probe(web.address());
            assertTrue(result.up(), result.reason());
            assertEquals(List.of(source), web.peers());
        }
    }

    @Test
    void httpsWithoutVerificationAcceptsASelfSignedCertificate() throws Exception {
        try (WebServer web = WebServer.https(certificate, 200, "secure")) {
            ProbeResult result = HttpCheck.https("/").regex("secure").build().probe(web.address());
            assertTrue(result.up(), result.reason());
        }
    }

    @Test
    void httpsWithVerificationRejectsASelfSignedCertificate() throws Exception {
        try (WebServer web = WebServer.https(certificate, 200, "secure")) {
            ProbeResult result = HttpCheck.https("/").tlsVerify(true).build().probe(web.address());
            assertFalse(result.up());
            assertTrue(result.reason().startsWith("TLS: "), result.reason());
            assertTrue(web.paths().isEmpty());
        }
    }

    @Test
    void sendsTheConfiguredSni() throws Exception {
        try (WebServer web = WebServer.https(certificate, 200, "")) {
            ProbeResult result = HttpCheck.https("/").sni("real.jlvs.test").build().probe(web.address());
            assertTrue(result.up(), result.reason());
            assertEquals(List.of("real.jlvs.test"), web.serverNames());
        }
    }

    @Test
    void sniFollowsTheHostHeaderAndNoneIsSentForAnAddress() throws Exception {
        try (WebServer web = WebServer.https(certificate, 200, "")) {
            assertTrue(HttpCheck.https("/").host("shop.jlvs.test:8443").build().probe(web.address()).up());
            assertEquals(List.of("shop.jlvs.test"), web.serverNames());
            assertTrue(HttpCheck.https("/").build().probe(web.address()).up());
            assertEquals(List.of("shop.jlvs.test"), web.serverNames());
        }
    }

    @Test
    void garbageIsDown() throws Exception {
        try (TcpServer server = TcpServer.start(socket -> {
            socket.getOutputStream().write("SSH-2.0-OpenSSH\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getInputStream().read();
        })) {
            ProbeResult result = HttpCheck.http("/").options(SHORT).build().probe(server.address());
            assertFalse(result.up());
            assertEquals("not an HTTP/1.x status line: 'SSH-2.0-OpenSSH'", result.reason());
        }
    }

    @Test
    void halfOpenServerTimesOut() throws Exception {
        try (TcpServer server = TcpServer.start(socket -> socket.getInputStream().readAllBytes())) {
            ProbeResult result = HttpCheck.http("/").options(SHORT).build().probe(server.address());
            assertFalse(result.up());
            assertEquals("no complete answer within 700ms", result.reason());
            ProbeResult tls = HttpCheck.https("/").options(SHORT).build().probe(server.address());
            assertFalse(tls.up());
            assertEquals("TLS handshake not done within 700ms", tls.reason());
        }
    }

    @Test
    void aBodyCutShortIsDown() throws Exception {
        try (TcpServer server = TcpServer.start(socket -> {
            socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this"
                    .getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            socket.getInputStream().readAllBytes();
        })) {
            ProbeResult result = HttpCheck.http("/").regex("only").options(SHORT).build().probe(server.address());
            assertFalse(result.up());
            assertEquals("connection closed 91 bytes before the body's end", result.reason());
            // without a body check the status is enough
            assertTrue(HttpCheck.http("/").options(SHORT).build().probe(server.address()).up());
        }
    }

    @Test
    void refusedIsDown() throws Exception {
        assertEquals("connection refused", HttpCheck.http("/").build().probe(TcpServer.refusingAddress()).reason());
    }

    @Test
    void badConfigurationIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> HttpCheck.http("no-slash").build());
        assertThrows(IllegalArgumentException.class, () -> HttpCheck.http("/a b").build());
        assertThrows(IllegalArgumentException.class, () -> HttpCheck.http("/").digest("abc").build());
        assertThrows(IllegalArgumentException.class, () -> HttpCheck.http("/").regex("(").build());
        assertThrows(IllegalArgumentException.class, () -> HttpCheck.http("/").sni("a.test").build());
        assertThrows(IllegalArgumentException.class, () -> HttpCheck.http("/").tlsVerify(true).build());
        assertThrows(IllegalArgumentException.class, () -> HttpCheck.http("/").host("a\r\nX: y").build());
        assertThrows(IllegalArgumentException.class, () -> HttpCheck.http("/").maxBodyBytes(0).build());
        assertThrows(IllegalArgumentException.class, () -> StatusCodes.parse("200-1000"));
        assertThrows(IllegalArgumentException.class, () -> StatusCodes.parse("2xx"));
        assertThrows(IllegalArgumentException.class, () -> StatusCodes.parse("300-200"));
    }

    @Test
    void statusCodes() {
        StatusCodes codes = StatusCodes.parse("200-204, 301 302");
        assertTrue(codes.contains(204));
        assertTrue(codes.contains(302));
        assertFalse(codes.contains(300));
        assertEquals("200-204,301,302", codes.toString());
        assertEquals(codes, StatusCodes.parse(codes.toString()));
    }

    @Test
    void valueEquality() {
        assertEquals(HttpCheck.https("/").sni("a.test").digest("0123456789abcdef0123456789ABCDEF").build(),
                HttpCheck.https("/").sni("a.test").digest("0123456789ABCDEF0123456789abcdef").build());
        assertFalse(HttpCheck.https("/").build().equals(HttpCheck.http("/").build()));
        assertEquals("https", HttpCheck.https("/").build().type());
    }
}
