package io.jlvs.netlink.route;

import static io.jlvs.testing.LinkedNamespaces.INTERFACE;
import static io.jlvs.testing.LinkedNamespaces.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.testing.LinkedNamespaces;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * rtnetlink against this machine's kernel, in two namespaces joined by a veth pair, with
 * {@code ip} as the independent witness. Needs root; skipped otherwise.
 */
@Timeout(120)
class RouteClientLiveTest {
    private LinkedNamespaces net;
    private RouteClient route;

    @BeforeEach
    void setUp() {
        net = LinkedNamespaces.create();
        sh(net.director(), "ip addr add 10.77.0.1/24 dev eth0");
        sh(net.peer(), "ip addr add 10.77.0.2/24 dev eth0");
        route = RouteClient.open(net.directorNamespace());
    }

    @AfterEach
    void tearDown() {
        if (route != null) {
            route.close();
        }
        if (net != null) {
            net.close();
        }
    }

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void listsTheNamespacesInterfacesWithTheirMacAsIpShowsIt() {
        List<Link> links = route.links();
        assertEquals(List.of(INTERFACE, "lo"), links.stream().map(Link::name).sorted().toList());
        Link eth0 = route.requireLink(INTERFACE);
        assertEquals(LinkedNamespaces.mac(net.director()), eth0.mac().toString());
        assertTrue(eth0.up());
        assertEquals(1500, eth0.mtu());
        assertEquals(eth0, route.link(eth0.index()).orElseThrow());
    }

    @Test
    void theLinkMonitorFollowsTheKernelsLinkNotifications() throws Exception {
        java.util.concurrent.atomic.AtomicReference<List<Link>> last = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        try (LinkMonitor monitor = LinkMonitor.start(net.directorNamespace(), links -> {
            last.set(links);
            calls.incrementAndGet();
        })) {
            assertEquals(1, calls.get(), "the first list is given before start returns");
            assertTrue(eth0(last.get()).up());
            assertEquals(OperState.UP, eth0(last.get()).operState());

            sh(net.director(), "ip link set eth0 down");
            io.jlvs.testing.Poll.until(java.time.Duration.ofSeconds(30), "eth0 down", () -> eth0(last.get()), l -> !l.up());
            sh(net.director(), "ip link set eth0 up");
            io.jlvs.testing.Poll.until(java.time.Duration.ofSeconds(30), "eth0 up", () -> eth0(last.get()),
                    l -> l.up() && l.operState() == OperState.UP);

            sh(net.peer(), "ip link set eth0 down");   // the far end of the veth: this side loses its carrier
            io.jlvs.testing.Poll.until(java.time.Duration.ofSeconds(30), "eth0 without carrier", () -> eth0(last.get()),
                    l -> l.up() && l.operState() != OperState.UP);   // DOWN or LOWER_LAYER_DOWN, by kernel version
            sh(net.peer(), "ip link set eth0 up");
            io.jlvs.testing.Poll.until(java.time.Duration.ofSeconds(30), "carrier back", () -> eth0(last.get()),
                    l -> l.operState() == OperState.UP);

            sh(net.director(), "ip link add jlvsmon0 type veth peer name jlvsmon1");
            io.jlvs.testing.Poll.until(java.time.Duration.ofSeconds(30), "the new interface", last::get,
                    links -> links.stream().anyMatch(l -> l.name().equals("jlvsmon0")));
            sh(net.director(), "ip link del jlvsmon0");
            io.jlvs.testing.Poll.until(java.time.Duration.ofSeconds(30), "the interface gone", last::get,
                    links -> links.stream().noneMatch(l -> l.name().equals("jlvsmon0")));
            assertEquals(last.get(), monitor.links());
        }
    }

    private static Link eth0(List<Link> links) {
        return links.stream().filter(l -> l.name().equals(INTERFACE)).findFirst().orElseThrow();
    }

    @Test
    void aMissingInterfaceIsReportedByName() {
        assertTrue(route.link("eth9").isEmpty());
        NoSuchInterfaceException e = assertThrows(NoSuchInterfaceException.class,
                () -> route.addAddress(InterfaceAddress.of("eth9", ip("10.77.0.100"), 24)));
        assertTrue(e.getMessage().startsWith("interface eth9 does not exist"), e.getMessage());
    }

    @Test
    void addsAVipWithItsLabelAndBroadcastAndRemovesIt() throws Exception {
        InterfaceAddress vip = InterfaceAddress.of(INTERFACE, ip("10.77.0.100"), 24).withLabel("eth0:1");

        assertTrue(route.addAddressIfAbsent(vip));

        String witness = sh(net.director(), "ip -o -4 addr show dev eth0");
        assertTrue(witness.contains("inet 10.77.0.100/24 brd 10.77.0.255 scope global secondary eth0:1"), witness);
        AssignedAddress listed = route.addresses(INTERFACE).stream().filter(a -> a.matches(vip)).findFirst().orElseThrow();
        assertEquals("eth0:1", listed.label());
        assertTrue(listed.secondary());
        assertEquals(AddressScope.GLOBAL, listed.scope());
        assertTrue(route.hasAddress(vip));

        assertFalse(route.addAddressIfAbsent(vip), "a second add finds it present");
        assertThrows(AddressExistsException.class, () -> route.addAddress(vip));

        assertTrue(route.deleteAddressIfPresent(vip));
        assertFalse(sh(net.director(), "ip -o -4 addr show dev eth0").contains("10.77.0.100"));
        assertFalse(route.hasAddress(vip));
        assertFalse(route.deleteAddressIfPresent(vip), "a second delete finds it gone");
        assertThrows(NoSuchAddressException.class, () -> route.deleteAddress(vip));
    }

    @Test
    void anIpv6VipIsUsableAtOnceWithoutDuplicateAddressDetection() throws Exception {
        InterfaceAddress vip = InterfaceAddress.of(INTERFACE, ip("2001:db8:77::100"), 64);

        route.addAddress(vip);

        String witness = sh(net.director(), "ip -o -6 addr show dev eth0 to 2001:db8:77::100/128");
        assertTrue(witness.contains("inet6 2001:db8:77::100/64 scope global nodad"), witness);
        assertFalse(witness.contains("tentative"), witness);
        AssignedAddress listed = route.addresses(INTERFACE).stream().filter(a -> a.matches(vip)).findFirst().orElseThrow();
        assertFalse(listed.tentative());
        route.deleteAddress(vip);
        assertFalse(sh(net.director(), "ip -o -6 addr show dev eth0").contains("2001:db8:77::100"));
    }

    @Test
    void manyVipsAreAddedAndDeletedInBatchesEachOutcomeToldApart() throws Exception {
        List<InterfaceAddress> vips = new java.util.ArrayList<>();
        for (int i = 0; i < 1_200; i++) {   // three datagrams' worth (512 to a datagram)
            vips.add(InterfaceAddress.of(INTERFACE, ip("10.78." + (i >> 8) + "." + (i & 0xff)), 32).withLabel("eth0:v"));
        }
        vips.add(InterfaceAddress.of(INTERFACE, ip("2001:db8:78::1"), 128));
        vips.add(InterfaceAddress.of("eth9", ip("10.79.0.1"), 32));
        route.addAddress(vips.get(7));   // there already

        List<AddressChange> added = route.addAddresses(vips);

        List<AddressChange.Result> results = added.stream().map(AddressChange::result).toList();
        assertEquals(AddressChange.Result.UNCHANGED, results.get(7));
        assertEquals(AddressChange.Result.FAILED, results.get(1_201));
        assertTrue(added.get(1_201).error().orElseThrow() instanceof NoSuchInterfaceException, added.get(1_201).toString());
        assertEquals(1_200, results.stream().filter(r -> r == AddressChange.Result.CHANGED).count());
        String witness = sh(net.director(), "ip -o addr show dev eth0");
        assertEquals(1_200, witness.lines().filter(l -> l.contains("inet 10.78.")).count(), "ip sees every VIP");
        assertTrue(witness.contains("inet 10.78.4.175/32 scope global eth0:v"), "the last IPv4 one, labelled");
        assertTrue(witness.contains("inet6 2001:db8:78::1/128"), "the IPv6 one");

        List<AddressChange> deleted = route.deleteAddresses(vips.subList(0, 1_201));
        assertTrue(deleted.stream().allMatch(c -> c.result() == AddressChange.Result.CHANGED), "every one removed");
        witness = sh(net.director(), "ip -o addr show dev eth0");
        assertFalse(witness.contains("10.78.") || witness.contains("2001:db8:78::1"), "ip sees none left");
        assertEquals(AddressChange.Result.UNCHANGED, route.deleteAddresses(vips.subList(0, 1)).get(0).result(), "already gone");
    }

    @Test
    void readsTheNeighbourTableAsIpNeighShowsIt() throws Exception {
        // One UDP datagram from the peer makes its kernel resolve 10.77.0.1 by ARP (no ping on this host).
        net.peerNamespace().call(io.jlvs.sys.Syscalls.system(), () -> {
            try (java.net.DatagramSocket udp = new java.net.DatagramSocket()) {
                udp.send(new java.net.DatagramPacket(new byte[1], 1, ip("10.77.0.1"), 9));
                return null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        io.jlvs.testing.Poll.until(java.time.Duration.ofSeconds(10), "ARP resolution of 10.77.0.1 in the peer",
                () -> sh(net.peer(), "ip neigh show 10.77.0.1 dev eth0"), out -> out.contains("lladdr"));
        String directorMac = LinkedNamespaces.mac(net.director());
        try (RouteClient peer = RouteClient.open(net.peerNamespace())) {
            Neighbour n = peer.neighbour(INTERFACE, ip("10.77.0.1")).orElseThrow();
            assertEquals(directorMac, n.mac().toString());
            assertTrue(n.state().hasAddress(), n.toString());
            String witness = sh(net.peer(), "ip neigh show 10.77.0.1 dev eth0");
            assertTrue(witness.contains("lladdr " + directorMac), witness);
        }
    }
}
