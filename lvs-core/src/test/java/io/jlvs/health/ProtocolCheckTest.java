package io.jlvs.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.health.ProtocolCheck.Application;
import io.jlvs.health.internal.check.testing.LineServer;
import io.jlvs.health.internal.check.testing.TcpServer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ProtocolCheckTest {
    private static final ConnectOptions SHORT = ConnectOptions.of(Duration.ofMillis(700));

    private static Map<String, String> rules(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static LineServer smtp(String greeting) {
        return new LineServer(greeting, rules("HELO", "250 mx.test", "QUIT", "221 bye"), "502 no");
    }

    @Test
    void smtpGreetsAndAcceptsHelo() throws Exception {
        LineServer dialogue = smtp("220 mx.test ESMTP");
        try (TcpServer server = TcpServer.start(dialogue)) {
            ProbeResult result = ProtocolCheck.of(Application.SMTP).probe(server.address());
            assertTrue(result.up(), result.reason());
            assertEquals("SMTP 220 mx.test ESMTP", result.reason());
            assertEquals(List.of("HELO localhost", "QUIT"), dialogue.commands());
        }
    }

    @Test
    void smtpUnavailableGreetingIsDown() throws Exception {
        try (TcpServer server = TcpServer.start(smtp("421 mx.test too busy"))) {
            ProbeResult result = ProtocolCheck.of(Application.SMTP).probe(server.address());
            assertFalse(result.up());
            assertEquals("SMTP closed the connection after: 421 mx.test too busy", result.reason());
        }
    }

    @Test
    void smtpRejectedHeloIsDownAndTheHeloNameIsSent() throws Exception {
        LineServer dialogue = new LineServer("220 mx", rules("HELO", "550 go away", "QUIT", "221 bye"), "502 no");
        try (TcpServer server = TcpServer.start(dialogue)) {
            ProtocolCheck check = new ProtocolCheck(Application.SMTP, java.util.Optional.empty(),
                    java.util.Optional.of("director.test"), ConnectOptions.defaults());
            ProbeResult result = check.probe(server.address());
            assertEquals("SMTP HELO: 550 go away", result.reason());
            assertEquals("HELO director.test", dialogue.commands().get(0));
        }
    }

    @Test
    void garbageGreetingIsDown() throws Exception {
        try (TcpServer server = TcpServer.start(socket -> {
            socket.getOutputStream().write("\u0016\u0003garbage\r\n".getBytes(StandardCharsets.ISO_8859_1));
            socket.getInputStream().read();
        })) {
            for (Application application : List.of(Application.SMTP, Application.FTP, Application.NNTP)) {
                ProbeResult result = ProtocolCheck.of(application).withOptions(SHORT).probe(server.address());
                assertFalse(result.up(), application + " " + result.reason());
                assertTrue(result.reason().startsWith(application.name()), result.reason());
            }
            for (Application application : List.of(Application.POP3, Application.IMAP)) {
                ProbeResult result = ProtocolCheck.of(application).withOptions(SHORT).probe(server.address());
                assertFalse(result.up(), application + " " + result.reason());
            }
        }
    }

    @Test
    void silentServerTimesOut() throws Exception {
        try (TcpServer server = TcpServer.start(socket -> socket.getInputStream().readAllBytes())) {
            ProbeResult result = ProtocolCheck.of(Application.SMTP).withOptions(SHORT).probe(server.address());
            assertFalse(result.up());
            assertEquals("SMTP greeting not received within 700ms", result.reason());
        }
    }

    @Test
    void ftpWithLogin() throws Exception {
        LineServer dialogue = new LineServer("220 ftp ready",
                rules("USER", "331 password please", "PASS SECRET", "230 welcome", "PASS", "530 wrong", "QUIT", "221 bye"),
                "502 no");
        try (TcpServer server = TcpServer.start(dialogue)) {
            assertTrue(ProtocolCheck.of(Application.FTP).probe(server.address()).up());
            ProbeResult good = ProtocolCheck.of(Application.FTP).withLogin("probe", "secret").probe(server.address());
            assertTrue(good.up(), good.reason());
            assertEquals("FTP 220 ftp ready, logged in", good.reason());
            ProbeResult bad = ProtocolCheck.of(Application.FTP).withLogin("probe", "guess").probe(server.address());
            assertFalse(bad.up());
            assertEquals("FTP login as probe: 530 wrong", bad.reason());
        }
    }

    @Test
    void pop3() throws Exception {
        LineServer dialogue = new LineServer("+OK POP3 ready",
                rules("USER", "+OK", "PASS SECRET", "+OK in", "PASS", "-ERR no", "QUIT", "+OK bye"), "-ERR");
        try (TcpServer server = TcpServer.start(dialogue)) {
            assertTrue(ProtocolCheck.of(Application.POP3).probe(server.address()).up());
            assertTrue(ProtocolCheck.of(Application.POP3).withLogin("u", "secret").probe(server.address()).up());
            assertFalse(ProtocolCheck.of(Application.POP3).withLogin("u", "x").probe(server.address()).up());
        }
        try (TcpServer server = TcpServer.start(new LineServer("-ERR not now", rules("QUIT", "+OK"), "-ERR"))) {
            assertEquals("POP3 greeting: -ERR not now", ProtocolCheck.of(Application.POP3).probe(server.address()).reason());
        }
    }

    @Test
    void imap() throws Exception {
        LineServer dialogue = LineServer.tagged("* OK IMAP4rev1 ready",
                rules("LOGIN U SECRET", "{tag} OK logged in", "LOGIN", "{tag} NO wrong",
                        "LOGOUT", "* BYE\r\n{tag} OK done"), "{tag} BAD");
        try (TcpServer server = TcpServer.start(dialogue)) {
            ProbeResult plain = ProtocolCheck.of(Application.IMAP).probe(server.address());
            assertTrue(plain.up(), plain.reason());
            ProbeResult login = ProtocolCheck.of(Application.IMAP).withLogin("u", "secret").probe(server.address());
            assertTrue(login.up(), login.reason());
            assertFalse(ProtocolCheck.of(Application.IMAP).withLogin("u", "x").probe(server.address()).up());
        }
        try (TcpServer server = TcpServer.start(LineServer.tagged("* BYE shutting down", rules(), "{tag} BAD"))) {
            ProbeResult bye = ProtocolCheck.of(Application.IMAP).withOptions(SHORT).probe(server.address());
            assertFalse(bye.up(), bye.reason());
        }
    }

    @Test
    void nntp() throws Exception {
        try (TcpServer server = TcpServer.start(new LineServer("201 news ready, no posting", rules("QUIT", "205 bye"), "500"))) {
            ProbeResult result = ProtocolCheck.of(Application.NNTP).probe(server.address());
            assertTrue(result.up(), result.reason());
        }
        try (TcpServer server = TcpServer.start(new LineServer("400 service discontinued", rules("QUIT", "205 bye"), "500"))) {
            assertEquals("NNTP closed the connection after: 400 service discontinued",
                    ProtocolCheck.of(Application.NNTP).probe(server.address()).reason());
        }
    }

    @Test
    void refusedAndSourceAddress() throws Exception {
        assertEquals("connection refused", ProtocolCheck.of(Application.SMTP).probe(TcpServer.refusingAddress()).reason());
        InetAddress source = InetAddress.getByName("127.0.0.2");
        try (TcpServer server = TcpServer.start(smtp("220 mx"))) {
            ProbeResult result = ProtocolCheck.of(Application.SMTP).withOptions(ConnectOptions.defaults().withSource(source))
                    .probe(server.address());
            assertTrue(result.up(), result.reason());
            assertEquals(List.of(source), server.awaitPeers(1));
        }
    }

    @Test
    void badConfigurationIsRejectedAndPasswordsAreNotPrinted() {
        assertThrows(IllegalArgumentException.class, () -> ProtocolCheck.of(Application.SMTP).withLogin("u", "p"));
        assertThrows(IllegalArgumentException.class, () -> new ProtocolCheck(Application.FTP, java.util.Optional.empty(),
                java.util.Optional.of("x"), ConnectOptions.defaults()));
        assertThrows(IllegalArgumentException.class, () -> ProtocolCheck.of(Application.FTP).withLogin("u\r\nDELE x", "p"));
        ProtocolCheck check = ProtocolCheck.of(Application.FTP).withLogin("probe", "s3cret");
        assertFalse(check.toString().contains("s3cret"), check.toString());
        assertEquals("ftp", check.type());
        assertEquals(check, ProtocolCheck.of(Application.FTP).withLogin("probe", "s3cret"));
    }
}
