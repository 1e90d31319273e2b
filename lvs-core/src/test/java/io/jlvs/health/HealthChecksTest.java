package io.jlvs.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.health.internal.check.Argv;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthChecksTest {

    private static Map<String, String> settings(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static HealthCheck build(String... pairs) {
        return HealthChecks.fromSettings(settings(pairs));
    }

    private static InvalidHealthCheckException rejected(String... pairs) {
        return assertThrows(InvalidHealthCheckException.class, () -> build(pairs));
    }

    @Test
    void tcpConnectWithTimeoutsAndSource() throws Exception {
        assertEquals(new TcpConnectCheck(new ConnectOptions(Duration.ofMillis(1500), Duration.ofSeconds(3),
                        Optional.of(InetAddress.getByName("10.0.0.5")))),
                build("type", "TCP", "timeout", "3", "connect_timeout", "1.5", "source", "10.0.0.5"));
        assertEquals(TcpConnectCheck.withDefaults(), build("type", "tcp"));
        assertEquals(new TcpConnectCheck(ConnectOptions.of(Duration.ofMillis(250))), build("type", "tcp", "timeout", "250ms"));
    }

    @Test
    void sendExpect() {
        assertEquals(new SendExpectCheck(SendExpectCheck.Transport.TCP, "GET / HTTP/1.0\\r\\n\\r\\n",
                        Expectation.regex("HTTP/1\\.[01] 200"), ConnectOptions.defaults()),
                build("type", "tcp", "send", "GET / HTTP/1.0\\r\\n\\r\\n", "expect", "HTTP/1\\.[01] 200", "use_regex", "yes"));
        assertEquals(SendExpectCheck.tcp("", Expectation.literal("220")), build("type", "tcp", "expect", "220"));
        assertEquals(SendExpectCheck.udp("ping", Expectation.none()), build("type", "udp", "send", "ping"));
    }

    @Test
    void http() {
        HttpCheck expected = HttpCheck.https("/health").status(StatusCodes.parse("200,204")).digest("0123456789abcdef0123456789abcdef")
                .regex("ok").host("www.test").sni("www.test").tlsVerify(true).maxBodyBytes(4096)
                .options(ConnectOptions.of(Duration.ofSeconds(2))).build();
        assertEquals(expected, build("type", "https", "path", "/health", "status", "200,204",
                "digest", "0123456789ABCDEF0123456789abcdef", "regex", "ok", "host", "www.test", "sni", "www.test",
                "tls_verify", "yes", "max_body", "4096", "timeout", "2"));
        assertEquals(HttpCheck.http("/").build(), build("type", "http"));
    }

    @Test
    void protocolsDnsAndProgram() {
        assertEquals(ProtocolCheck.of(ProtocolCheck.Application.FTP).withLogin("probe", "pw"),
                build("type", "ftp", "user", "probe", "password", "pw"));
        assertEquals(new ProtocolCheck(ProtocolCheck.Application.SMTP, Optional.empty(), Optional.of("lvs.test"),
                ConnectOptions.defaults()), build("type", "smtp", "helo", "lvs.test"));
        assertEquals(new DnsCheck("www.test", "AAAA", Optional.of("2001:db8::1"), true, ConnectOptions.defaults()),
                build("type", "dns", "dns_name", "www.test", "dns_type", "aaaa", "dns_expect", "2001:db8::1", "dns_tcp", "on"));
        assertEquals(new ProgramCheck(List.of("/usr/local/bin/check web", "--host", "%h", "it's"), Duration.ofSeconds(9),
                        ProgramCheck.WeightSource.EXIT_CODE, Expectation.literal("OK")),
                build("type", "program", "program", "'/usr/local/bin/check web' --host %h \"it's\"", "timeout", "9",
                        "weight", "exit", "expect", "OK"));
    }

    @Test
    void unknownTypeAndMissingType() {
        InvalidHealthCheckException e = rejected("type", "gopher");
        assertEquals("type", e.setting());
        assertEquals("gopher", e.value());
        assertTrue(e.getMessage().contains("unknown check type"), e.getMessage());
        InvalidHealthCheckException missing = assertThrows(InvalidHealthCheckException.class, () -> HealthChecks.fromSettings(Map.of()));
        assertEquals("type", missing.setting());
        assertNull(missing.value());
    }

    @Test
    void unknownKeysAndKeysOfAnotherType() {
        InvalidHealthCheckException e = rejected("type", "tcp", "pth", "/");
        assertEquals("pth", e.setting());
        assertTrue(e.getMessage().contains("unknown setting for a tcp check"), e.getMessage());
        assertEquals("tls_verify", rejected("type", "http", "tls_verify", "yes").setting());
        assertEquals("source", rejected("type", "program", "program", "/bin/true", "source", "127.0.0.1").setting());
        assertEquals("password", rejected("type", "smtp", "user", "x", "password", "y").setting()); // first unknown key, sorted
    }

    @Test
    void badTimeouts() {
        for (String bad : List.of("-1", "0", "0ms", "abc", "5m", "100000")) {
            InvalidHealthCheckException e = rejected("type", "tcp", "timeout", bad);
            assertEquals("timeout", e.setting());
            assertEquals(bad, e.value());
            assertTrue(e.getMessage().contains("timeout = '" + bad + "'"), e.getMessage());
        }
        assertEquals("connect_timeout", rejected("type", "http", "connect_timeout", "-2").setting());
        assertEquals("timeout", rejected("type", "program", "program", "/bin/true", "timeout", "0").setting());
    }

    @Test
    void badValuesNameTheirSetting() {
        assertEquals("expect", rejected("type", "tcp", "expect", "a(b", "use_regex", "yes").setting());
        assertEquals("regex", rejected("type", "http", "regex", "[unclosed").setting());
        assertEquals("status", rejected("type", "http", "status", "200-2xx").setting());
        assertEquals("status", rejected("type", "http", "status", "").setting());
        assertEquals("digest", rejected("type", "http", "digest", "abc").setting());
        assertEquals("path", rejected("type", "http", "path", "health").setting());
        assertEquals("sni", rejected("type", "https", "sni", "bad name").setting());
        assertEquals("max_body", rejected("type", "http", "max_body", "0").setting());
        assertEquals("tls_verify", rejected("type", "https", "tls_verify", "maybe").setting());
        assertEquals("use_regex", rejected("type", "tcp", "use_regex", "yes").setting());
        assertEquals("send", rejected("type", "tcp", "send", "\\q").setting());
        assertEquals("send", rejected("type", "udp").setting());
        assertEquals("source", rejected("type", "tcp", "source", "director.example.com").setting());
        assertEquals("source", rejected("type", "tcp", "source", "999.1.1.1").setting());
        assertEquals("dns_name", rejected("type", "dns").setting());
        assertEquals("dns_type", rejected("type", "dns", "dns_name", "a.test", "dns_type", "BOGUS").setting());
        assertEquals("dns_expect", rejected("type", "dns", "dns_name", "a.test", "dns_expect", "nope").setting());
        assertEquals("program", rejected("type", "program", "program", "'unterminated").setting());
        assertEquals("program", rejected("type", "program").setting());
        assertEquals("weight", rejected("type", "program", "program", "/bin/true", "weight", "max").setting());
        assertEquals("password", rejected("type", "pop3", "user", "u").setting());
    }

    @Test
    void passwordsAreNotShown() {
        InvalidHealthCheckException e = rejected("type", "imap", "password", "hunter2");
        assertEquals("user", e.setting());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        InvalidHealthCheckException p = new InvalidHealthCheckException("password", "hunter2", "bad");
        assertFalse(p.getMessage().contains("hunter2"), p.getMessage());
    }

    @Test
    void argvSplitting() {
        assertEquals(List.of("a", "b c", "d\"e", "f\\g", "h i", ""), Argv.split(" a 'b c' \"d\\\"e\" f\\\\g h\\ i ''"));
        assertEquals(List.of("$HOME", "*", "a;b"), Argv.split("$HOME * a;b"));
        assertThrows(IllegalArgumentException.class, () -> Argv.split("\"open"));
    }

    @Test
    void pingTakesATimeoutAndASourceAndNothingElse() throws Exception {
        assertEquals(new PingCheck(Duration.ofMillis(800), Optional.of(InetAddress.getByName("10.0.0.5"))),
                build("type", "ping", "timeout", "800ms", "source", "10.0.0.5"));
        assertEquals(PingCheck.withTimeout(ConnectOptions.DEFAULT_TIMEOUT), build("type", "PING"));
        assertEquals("ping", build("type", "ping").type());
        assertTrue(rejected("type", "ping", "path", "/").getMessage().contains("path"));
        assertTrue(rejected("type", "ping", "connect_timeout", "1").getMessage().contains("connect_timeout"));
        assertTrue(rejected("type", "ping", "timeout", "0").getMessage().contains("timeout"));
    }
}
