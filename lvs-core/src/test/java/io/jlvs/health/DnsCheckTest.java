package io.jlvs.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.health.internal.check.testing.DnsReplies;
import io.jlvs.health.internal.check.testing.TcpServer;
import io.jlvs.health.internal.check.testing.UdpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;

@Timeout(60)
class DnsCheckTest {
    private static final ConnectOptions SHORT = ConnectOptions.of(Duration.ofMillis(700));
    private static final Name WWW = Name.fromConstantString("www.jlvs.test.");

    private static Record a(String address) throws Exception {
        return new ARecord(WWW, DClass.IN, 60, InetAddress.getByName(address));
    }

    @Test
    void noerrorIsUp() throws Exception {
        try (UdpServer server = UdpServer.start(DnsReplies.answering(List.of(a("192.0.2.10"))))) {
            ProbeResult result = DnsCheck.of("www.jlvs.test", "A").probe(server.address());
            assertTrue(result.up(), result.reason());
            assertEquals("NOERROR, 1 A answer(s)", result.reason());
        }
    }

    @Test
    void expectedAddressAmongTheAnswers() throws Exception {
        try (UdpServer server = UdpServer.start(DnsReplies.answering(List.of(a("192.0.2.10"), a("192.0.2.11"))))) {
            assertTrue(DnsCheck.of("www.jlvs.test", "a").expecting("192.0.2.11").probe(server.address()).up());
            ProbeResult wrong = DnsCheck.of("www.jlvs.test", "A").expecting("192.0.2.99").probe(server.address());
            assertFalse(wrong.up());
            assertEquals("A www.jlvs.test: no answer 192.0.2.99 among [192.0.2.10, 192.0.2.11]", wrong.reason());
        }
    }

    @Test
    void expectedRecordText() throws Exception {
        Record mx = new MXRecord(WWW, DClass.IN, 60, 10, Name.fromConstantString("Mail.jlvs.test."));
        try (UdpServer server = UdpServer.start(DnsReplies.answering(List.of(mx)))) {
            ProbeResult result = DnsCheck.of("www.jlvs.test", "MX").expecting("10  mail.jlvs.test").probe(server.address());
            assertTrue(result.up(), result.reason());
        }
    }

    @Test
    void nxdomainIsDown() throws Exception {
        try (UdpServer server = UdpServer.start(q -> DnsReplies.reply(q, Rcode.NXDOMAIN, List.of(), false))) {
            ProbeResult result = DnsCheck.of("nope.jlvs.test", "A").probe(server.address());
            assertFalse(result.up());
            assertEquals("A nope.jlvs.test: NXDOMAIN", result.reason());
        }
    }

    @Test
    void truncatedReplyIsAskedAgainOverTcp() throws Exception {
        try (TcpServer tcp = TcpServer.start(DnsReplies.overTcp(List.of(a("192.0.2.20"))));
             UdpServer udp = udpOnPort(tcp.address().getPort(), q -> DnsReplies.reply(q, Rcode.NOERROR, List.of(), true))) {
            ProbeResult result = DnsCheck.of("www.jlvs.test", "A").expecting("192.0.2.20").probe(udp.address());
            assertTrue(result.up(), result.reason());
            assertEquals(1, tcp.awaitPeers(1).size());
        }
    }

    @Test
    void tcpOnly() throws Exception {
        try (TcpServer tcp = TcpServer.start(DnsReplies.overTcp(List.of(a("192.0.2.30"))))) {
            assertTrue(DnsCheck.of("www.jlvs.test", "A").expecting("192.0.2.30").overTcp().probe(tcp.address()).up());
        }
    }

    @Test
    void repliesWithAnotherIdAreIgnored() throws Exception {
        AtomicInteger replies = new AtomicInteger();
        try (UdpServer server = UdpServer.start(query -> {
            replies.incrementAndGet();
            byte[] reply = DnsReplies.reply(query, Rcode.NOERROR, List.of(), false);
            reply[0] ^= (byte) 0xFF; // another ID
            return reply;
        })) {
            ProbeResult result = DnsCheck.of("www.jlvs.test", "A").withOptions(SHORT).probe(server.address());
            assertFalse(result.up());
            assertEquals("no DNS reply within 700ms", result.reason());
            assertEquals(1, replies.get());
        }
    }

    @Test
    void garbageIsDown() throws Exception {
        try (UdpServer server = UdpServer.start(query -> new byte[] {1, 2, 3})) {
            ProbeResult result = DnsCheck.of("www.jlvs.test", "A").probe(server.address());
            assertFalse(result.up());
            assertTrue(result.reason().startsWith("malformed DNS reply (3 bytes)"), result.reason());
        }
        try (UdpServer server = UdpServer.start(query -> query)) { // an echo: a query, not a response
            ProbeResult result = DnsCheck.of("www.jlvs.test", "A").probe(server.address());
            assertEquals("DNS reply is not a response (QR bit clear)", result.reason());
        }
    }

    @Test
    void silenceAndClosedPortAreDown() throws Exception {
        try (UdpServer server = UdpServer.start(query -> null)) {
            assertEquals("no DNS reply within 700ms",
                    DnsCheck.of("www.jlvs.test", "A").withOptions(SHORT).probe(server.address()).reason());
        }
        assertEquals("port unreachable (ICMP)", DnsCheck.of("www.jlvs.test", "A").probe(UdpServer.closedPort()).reason());
    }

    @Test
    void sourceAddressIsBound() throws Exception {
        InetAddress source = InetAddress.getByName("127.0.0.2");
        java.util.List<InetAddress> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (TcpServer tcp = TcpServer.start(DnsReplies.overTcp(List.of(a("192.0.2.30"))))) {
            ProbeResult result = DnsCheck.of("www.jlvs.test", "A").overTcp()
                    .withOptions(ConnectOptions.defaults().withSource(source)).probe(tcp.address());
            assertTrue(result.up(), result.reason());
            seen.addAll(tcp.awaitPeers(1));
        }
        assertEquals(List.of(source), seen);
    }

    @Test
    void badConfigurationIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> DnsCheck.of("www..test", "A"));
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> DnsCheck.of("a.test", "BOGUS"));
        assertTrue(type.getMessage().contains("BOGUS"), type.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DnsCheck.of("a.test", "A").expecting("not-an-address"));
        assertThrows(IllegalArgumentException.class, () -> DnsCheck.of("a.test", "AAAA").expecting("192.0.2.1"));
        assertEquals(DnsCheck.of("a.test", "a"), DnsCheck.of("a.test", "A"));
    }

    private static UdpServer udpOnPort(int port, java.util.function.UnaryOperator<byte[]> reply) {
        return UdpServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), reply);
    }

}
