package io.jlvs.failover;

import static io.jlvs.testing.LinkedNamespaces.INTERFACE;
import static io.jlvs.testing.LinkedNamespaces.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.netlink.route.InterfaceAddress;
import io.jlvs.netlink.route.Neighbour;
import io.jlvs.netlink.route.RouteClient;
import io.jlvs.testing.LinkedNamespaces;
import io.jlvs.testing.PacketCapture;
import io.jlvs.testing.Poll;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Gratuitous ARP and unsolicited NA sent by {@link Announcer} from the "director" namespace, watched
 * from the "peer" namespace on the other end of a veth: tcpdump shows the frames, and the peer's
 * neighbour table (ip neigh, and our own reader) moves the VIP to the director's MAC. Needs root.
 */
@Timeout(120)
class AnnouncerLiveTest {
    private static final String BOGUS_MAC = "02:00:00:00:00:99";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private LinkedNamespaces net;
    private RouteClient route;
    private RouteClient peerRoute;
    private String directorMac;

    @BeforeEach
    void setUp() {
        net = LinkedNamespaces.create();
        sh(net.director(), "ip addr add 10.77.0.1/24 dev eth0 && ip addr add 2001:db8:77::1/64 dev eth0 nodad");
        sh(net.peer(), "ip addr add 10.77.0.2/24 dev eth0 && ip addr add 2001:db8:77::2/64 dev eth0 nodad");
        route = RouteClient.open(net.directorNamespace());
        peerRoute = RouteClient.open(net.peerNamespace());
        directorMac = LinkedNamespaces.mac(net.director());
    }

    @AfterEach
    void tearDown() {
        for (AutoCloseable c : new AutoCloseable[] {route, peerRoute}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // the namespaces go anyway
            }
        }
        if (net != null) {
            net.close();
        }
    }

    private static FloatingAddress vip(String address, int prefix) throws Exception {
        return FloatingAddress.virtualIp(InterfaceAddress.of(INTERFACE, InetAddress.getByName(address), prefix));
    }

    private String peerNeighbour(String address) {
        return sh(net.peer(), "ip neigh show " + address + " dev eth0");
    }

    @Test
    void aBurstOfGratuitousArpsMovesThePeersExistingEntryToTheDirector() throws Exception {
        // Linux updates an existing entry from a gratuitous ARP; without arp_accept it creates none.
        sh(net.peer(), "ip neigh replace 10.77.0.100 lladdr " + BOGUS_MAC + " dev eth0 nud stale");
        FloatingAddress vip = vip("10.77.0.100", 24);
        new AddressManager(route, List.of(vip)).take();

        try (PacketCapture capture = PacketCapture.start(net.peer(), INTERFACE, 5, "arp");
             Announcer announcer = Announcer.builder(route).count(5).interval(Duration.ofMillis(100)).build()) {
            announcer.announce(List.of(vip));
            List<String> lines = capture.await(WAIT);

            assertEquals(5, lines.size(), String.join("\n", lines));
            for (String line : lines) {
                assertTrue(line.startsWith(line.substring(0, line.indexOf(' ')) + " " + directorMac + " > ff:ff:ff:ff:ff:ff"), line);
                assertTrue(line.contains("Request who-has 10.77.0.100 tell 10.77.0.100"), line);
            }
            assertTrue(announcer.awaitBurst(WAIT));
            assertEquals(5, announcer.framesSent());
        }
        String witness = Poll.until(Duration.ofSeconds(10), "peer's entry for the VIP to move", () -> peerNeighbour("10.77.0.100"),
                out -> out.contains(directorMac));
        assertFalse(witness.contains(BOGUS_MAC), witness);
        Neighbour n = peerRoute.neighbour(INTERFACE, InetAddress.getByName("10.77.0.100")).orElseThrow();
        assertEquals(directorMac, n.mac().toString());
    }

    @Test
    void withArpAcceptThePeerLearnsTheVipFromAGratuitousArpAlone() throws Exception {
        sh(net.peer(), "sysctl -qw net.ipv4.conf.eth0.arp_accept=1");
        FloatingAddress vip = vip("10.77.0.101", 24);
        try (PacketCapture capture = PacketCapture.start(net.peer(), INTERFACE, 1, "arp");
             Announcer announcer = Announcer.builder(route).count(1).build()) {
            announcer.announceOnce(List.of(vip));
            capture.await(WAIT);
        }
        Poll.until(Duration.ofSeconds(10), "peer to learn the VIP", () -> peerNeighbour("10.77.0.101"),
                out -> out.contains(directorMac));
    }

    @Test
    void theRequestFormIsTheFrameArpingSendsExceptForTheZeroTargetMac() throws Exception {
        FloatingAddress vip = vip("10.77.0.100", 24);
        new AddressManager(route, List.of(vip)).take();
        try (PacketCapture capture = PacketCapture.start(net.peer(), INTERFACE, 2, "arp", "-xx");
             Announcer announcer = Announcer.builder(route).count(1).build()) {
            sh(net.director(), "arping -U -c 1 -I eth0 10.77.0.100 >/dev/null");
            Poll.until(WAIT, "arping's frame", capture::linesSoFar, lines -> frames(lines).size() == 1);
            announcer.announceOnce(List.of(vip));
            List<byte[]> frames = frames(capture.await(WAIT));

            byte[] arping = frames.get(0);
            byte[] ours = frames.get(1);
            assertEquals(42, ours.length);
            // iputils arping -U puts ff:ff:ff:ff:ff:ff in the target MAC (bytes 32..37); RFC 5227 §2.3 says zero.
            assertEquals("ffffffffffff", java.util.HexFormat.of().formatHex(arping, 32, 38));
            assertEquals("000000000000", java.util.HexFormat.of().formatHex(ours, 32, 38));
            System.arraycopy(ours, 32, arping, 32, 6);
            assertEquals(java.util.HexFormat.of().formatHex(arping), java.util.HexFormat.of().formatHex(ours));
        }
    }

    /** The frames in tcpdump -xx output: each packet's hex lines ("\t0x0010:  0800 0604 ..."), joined. */
    private static List<byte[]> frames(List<String> lines) {
        List<byte[]> frames = new java.util.ArrayList<>();
        StringBuilder hex = null;
        for (String line : lines) {
            String t = line.strip();
            if (t.startsWith("0x")) {
                hex.append(t.substring(t.indexOf(':') + 1).replace(" ", ""));
            } else {
                if (hex != null) {
                    frames.add(java.util.HexFormat.of().parseHex(hex));
                }
                hex = new StringBuilder();
            }
        }
        if (hex != null && !hex.isEmpty()) {
            frames.add(java.util.HexFormat.of().parseHex(hex));
        }
        return frames;
    }

    @Test
    void theReplyFormIsSentToo() throws Exception {
        FloatingAddress vip = vip("10.77.0.102", 24);
        try (PacketCapture capture = PacketCapture.start(net.peer(), INTERFACE, 2, "arp");
             Announcer announcer = Announcer.builder(route).count(1).arpReplies(true).build()) {
            announcer.announce(List.of(vip));
            List<String> lines = capture.await(WAIT);
            assertTrue(lines.get(0).contains("Request who-has 10.77.0.102 tell 10.77.0.102"), lines.get(0));
            assertTrue(lines.get(1).contains("Reply 10.77.0.102 is-at " + directorMac), lines.get(1));
        }
    }

    @Test
    void anUnsolicitedNeighbourAdvertisementMovesThePeersIpv6Entry() throws Exception {
        sh(net.peer(), "ip -6 neigh replace 2001:db8:77::100 lladdr " + BOGUS_MAC + " dev eth0 nud stale");
        FloatingAddress vip = vip("2001:db8:77::100", 64);
        new AddressManager(route, List.of(vip)).take();

        try (PacketCapture capture = PacketCapture.start(net.peer(), INTERFACE, 2, "icmp6 and ip6[40] == 136", "-vv");
             Announcer announcer = Announcer.builder(route).count(2).interval(Duration.ofMillis(50)).build()) {
            announcer.announce(List.of(vip));
            String text = String.join("\n", capture.await(WAIT));

            assertTrue(text.contains(directorMac + " > 33:33:00:00:00:01"), text);
            assertTrue(text.contains("hlim 255"), text);
            assertTrue(text.contains("2001:db8:77::100 > ff02::1"), text);
            assertTrue(text.contains("neighbor advertisement, length 32, tgt is 2001:db8:77::100"), text);
            assertTrue(text.contains("Flags [override]"), text);
            // Option 2 is the Target Link-Layer Address (RFC 4861 §4.6.1); tcpdump calls it "destination".
            assertTrue(text.contains("link-address option (2), length 8 (1): " + directorMac), text);
            assertTrue(text.contains("[icmp6 sum ok]"), "tcpdump checked the ICMPv6 checksum:\n" + text);
            assertFalse(text.contains("bad"), text);
        }
        // The peer's kernel checks the ICMPv6 checksum and hop limit (ndisc_rcv) before it updates.
        Poll.until(Duration.ofSeconds(10), "peer's IPv6 entry to move", () -> sh(net.peer(), "ip -6 neigh show 2001:db8:77::100 dev eth0"),
                out -> out.contains(directorMac));
    }

    @Test
    void stopCancelsTheRestOfTheBurst() throws Exception {
        FloatingAddress vip = vip("10.77.0.103", 24);
        try (Announcer announcer = Announcer.builder(route).count(1000).interval(Duration.ofMillis(20)).build()) {
            announcer.announce(List.of(vip));
            announcer.stop();
            long sent = announcer.framesSent();
            assertTrue(announcer.awaitBurst(Duration.ZERO), "stop ends the burst");
            Thread.sleep(300);
            assertEquals(sent, announcer.framesSent(), "no frame after stop");
            assertTrue(sent < 1000, "sent " + sent);
        }
    }

    @Test
    void anAnnouncementForAMissingInterfaceSaysSo() throws Exception {
        FloatingAddress missing = FloatingAddress.virtualIp(InterfaceAddress.of("eth9", InetAddress.getByName("10.77.0.104"), 24));
        try (Announcer announcer = Announcer.builder(route).count(1).build()) {
            AnnouncementException e = org.junit.jupiter.api.Assertions.assertThrows(AnnouncementException.class,
                    () -> announcer.announceOnce(List.of(missing)));
            assertTrue(e.getMessage().contains("interface eth9 does not exist"), e.getMessage());
        }
    }
}
