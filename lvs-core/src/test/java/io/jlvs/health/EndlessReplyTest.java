package io.jlvs.health;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.health.ProtocolCheck.Application;
import io.jlvs.health.internal.check.ConversationBounds;
import io.jlvs.health.internal.check.Deadline;
import io.jlvs.health.internal.check.ProbeFailedException;
import io.jlvs.health.internal.check.ProtocolDialogues;
import io.jlvs.health.internal.check.testing.TcpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real server that never stops sending (an endless reply line, endless continuation lines, an
 * endless header or body) is down within the check's timeout, after a bounded number of bytes: one
 * hostile or broken server must not hold a probe, nor fill the director's heap.
 */
@Timeout(120)
class EndlessReplyTest {
    private static final ConnectOptions SHORT = ConnectOptions.of(Duration.ofMillis(700));
    /** Generous slack over a check's own timeout for a loaded machine; an unbounded probe never ends. */
    private static final Duration SLACK = Duration.ofSeconds(5);

    private static final Map<Application, String> GREETING_START = Map.of(
            Application.SMTP, "220 ", Application.FTP, "220 ", Application.POP3, "+OK ",
            Application.IMAP, "* OK ", Application.NNTP, "200 ");

    /** Sends {@code prefix}, then {@code filler} forever (until the probe or the test closes the socket). */
    private static TcpServer streaming(String prefix, String filler) {
        byte[] chunk = filler.repeat(Math.max(1, 8192 / filler.length())).getBytes(StandardCharsets.ISO_8859_1);
        return TcpServer.start(socket -> {
            OutputStream out = socket.getOutputStream();
            out.write(prefix.getBytes(StandardCharsets.ISO_8859_1));
            while (true) { // ends when the peer closes: the write fails
                out.write(chunk);
            }
        });
    }

    /** Probes on a virtual thread and waits at most the check's timeout plus slack for the verdict. */
    private static ProbeResult probeWithin(HealthCheck check, InetSocketAddress target) throws Exception {
        CompletableFuture<ProbeResult> result = new CompletableFuture<>();
        Thread probe = Thread.ofVirtual().start(() -> {
            try {
                result.complete(check.probe(target));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(check.timeout().plus(SLACK).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            probe.interrupt();
            throw new AssertionError(check.type() + " probe still running " + SLACK.toSeconds()
                    + " s after its timeout against a server that never stops sending", e);
        }
    }

    @Test
    void anEndlessGreetingLineIsDownForEveryProtocol() throws Exception {
        for (Application application : Application.values()) {
            try (TcpServer server = streaming(GREETING_START.get(application), "x")) {
                ProbeResult result = probeWithin(ProtocolCheck.of(application).withOptions(SHORT), server.address());
                assertFalse(result.up(), application + ": " + result.reason());
                assertTrue(result.reason().contains("more than " + ProtocolCheck.MAX_REPLY_BYTES + " bytes"),
                        application + ": " + result.reason());
            }
        }
    }

    @Test
    void endlessContinuationLinesAreDown() throws Exception {
        for (Application application : new Application[] {Application.SMTP, Application.FTP}) {
            try (TcpServer server = streaming("", "220-still greeting\r\n")) {
                ProbeResult result = probeWithin(ProtocolCheck.of(application).withOptions(SHORT), server.address());
                assertFalse(result.up(), application + ": " + result.reason());
                assertTrue(result.reason().contains("more than " + ProtocolCheck.MAX_REPLY_BYTES + " bytes"),
                        application + ": " + result.reason());
            }
        }
    }

    @Test
    void anEndlessReplyAfterTheGreetingIsDown() throws Exception {
        // a good greeting, then the answer to HELO never ends
        try (TcpServer server = TcpServer.start(socket -> {
            OutputStream out = socket.getOutputStream();
            out.write("220 mx.test\r\n".getBytes(StandardCharsets.ISO_8859_1));
            socket.getInputStream().read();
            byte[] chunk = "250 ".concat("y".repeat(8192)).getBytes(StandardCharsets.ISO_8859_1);
            while (true) {
                out.write(chunk);
            }
        })) {
            ProbeResult result = probeWithin(ProtocolCheck.of(Application.SMTP).withOptions(SHORT), server.address());
            assertFalse(result.up(), result.reason());
            assertTrue(result.reason().contains("more than"), result.reason());
        }
    }

    @Test
    void repeatedProbesReadNoMoreThanTheCap() throws Exception {
        int cap = 4096;
        long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        int probes = 0;
        try (TcpServer server = streaming("220 ", "z")) {
            while (System.nanoTime() - end < 0 && probes < 200) {
                try (ConversationBounds bounds = new ConversationBounds(Deadline.after(SHORT.total()), cap)) {
                    try {
                        ProtocolDialogues.smtp(server.address(), SHORT, bounds, "localhost");
                        throw new AssertionError("an endless greeting was taken as up");
                    } catch (ProbeFailedException e) {
                        assertTrue(e.getMessage().contains("more than " + cap + " bytes"), e.getMessage());
                    }
                    assertTrue(bounds.bytesRead() <= cap, "read " + bounds.bytesRead() + " bytes, cap " + cap);
                    assertTrue(bounds.overflowed());
                }
                probes++;
            }
        }
        assertTrue(probes >= 5, "only " + probes + " probes in 2 s");
    }

    @Test
    void aServerThatDripsForeverIsCutAtTheDeadline() throws Exception {
        // one byte every 50 ms never reaches the cap and never lets a read time out
        try (TcpServer server = TcpServer.start(socket -> {
            OutputStream out = socket.getOutputStream();
            out.write("220 ".getBytes(StandardCharsets.ISO_8859_1));
            for (int i = 0; i < 2000; i++) {
                out.write('d');
                out.flush();
                Thread.sleep(50);
            }
        })) {
            long start = System.nanoTime();
            ProbeResult result = probeWithin(ProtocolCheck.of(Application.SMTP).withOptions(SHORT), server.address());
            assertFalse(result.up(), result.reason());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(SHORT.total().plusSeconds(2)) < 0,
                    "took " + Duration.ofNanos(System.nanoTime() - start));
        }
    }

    @Test
    void sendExpectStopsAtItsCap() throws Exception {
        try (TcpServer server = streaming("", "w")) {
            ProbeResult result = probeWithin(SendExpectCheck.tcp("", Expectation.literal("never")).withOptions(SHORT),
                    server.address());
            assertFalse(result.up(), result.reason());
            assertTrue(result.reason().contains("not in the first " + SendExpectCheck.MAX_ANSWER_BYTES + " bytes"),
                    result.reason());
        }
    }

    @Test
    void httpEndlessStatusLineHeaderOrHeadersAreDown() throws Exception {
        for (String[] stream : new String[][] {
                {"HTTP/1.1 200 OK", "k"},
                {"HTTP/1.1 200 OK\r\nX-Long: ", "v"},
                {"HTTP/1.1 200 OK\r\n", "X-More: header\r\n"}}) {
            try (TcpServer server = streaming(stream[0], stream[1])) {
                ProbeResult result = probeWithin(HttpCheck.http("/").options(SHORT).build(), server.address());
                assertFalse(result.up(), Arrays.toString(stream) + ": " + result.reason());
                assertTrue(result.reason().contains("longer than"), result.reason());
            }
        }
    }

    @Test
    void httpEndlessBodyIsReadOnlyUpToItsLimit() throws Exception {
        try (TcpServer server = streaming("HTTP/1.1 200 OK\r\n\r\n", "b")) {
            ProbeResult result = probeWithin(HttpCheck.http("/").regex("never-there").maxBodyBytes(4096).options(SHORT)
                    .build(), server.address());
            assertFalse(result.up(), result.reason());
        }
    }

    @Test
    void dnsOverTcpReadsOneFramedReplyAtMost() throws Exception {
        // a length prefix of 65535, then garbage forever
        try (TcpServer server = streaming("\u00ff\u00ff", "g")) {
            ProbeResult result = probeWithin(DnsCheck.of("a.test", "A").overTcp().withOptions(SHORT), server.address());
            assertFalse(result.up(), result.reason());
        }
    }
}
