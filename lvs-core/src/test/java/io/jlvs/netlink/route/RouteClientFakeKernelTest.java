package io.jlvs.netlink.route;

import static io.jlvs.netlink.NetlinkConstants.NLM_F_ACK;
import static io.jlvs.netlink.NetlinkConstants.NLM_F_CREATE;
import static io.jlvs.netlink.NetlinkConstants.NLM_F_EXCL;
import static io.jlvs.netlink.NetlinkConstants.NLM_F_REQUEST;
import static io.jlvs.netlink.route.FakeRouteKernel.inet;
import static io.jlvs.netlink.route.internal.RouteUapi.IFADDRMSG_LEN;
import static io.jlvs.netlink.route.internal.RouteUapi.RTM_DELADDR;
import static io.jlvs.netlink.route.internal.RouteUapi.RTM_NEWADDR;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.netlink.Attributes;
import io.jlvs.netlink.Message;
import io.jlvs.netlink.route.internal.RouteCodec;
import io.jlvs.sys.Errno;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What RouteClient sends and how it reads the answers, against a stateful fake rtnetlink. */
class RouteClientFakeKernelTest {
    private final FakeRouteKernel fake = new FakeRouteKernel()
            .withLink(1, "lo", "00:00:00:00:00:00")
            .withLink(2, "eth0", "02:00:5e:10:00:01")
            .withAddress(2, "10.0.0.1", 24, "eth0");
    private final RouteClient route = fake.client();

    private Message lastOfType(int type) {
        List<Message> all = fake.kernel().messagesReceived().stream().filter(m -> m.type() == type).toList();
        return all.get(all.size() - 1);
    }

    private static byte[] header(Message m, int length) {
        byte[] b = new byte[length];
        m.buffer().get(m.payloadOffset(), b);
        return b;
    }

    @Test
    void addingAnIpv4VipSendsExclusiveCreateWithLocalAddressLabelAndBroadcast() {
        route.addAddress(InterfaceAddress.of("eth0", inet("10.0.0.100"), 24).withLabel("eth0:1"));

        Message m = lastOfType(RTM_NEWADDR);
        assertEquals(NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, m.flags());
        // ifaddrmsg: AF_INET, /24, no flags, scope universe, ifindex 2 (host order; little-endian here)
        assertArrayEquals(new byte[] {2, 24, 0, 0, 2, 0, 0, 0}, header(m, IFADDRMSG_LEN));
        Attributes a = m.attributes(IFADDRMSG_LEN);
        assertArrayEquals(new byte[] {10, 0, 0, 100}, RouteCodec.ADDR_LOCAL.require(a));
        assertArrayEquals(new byte[] {10, 0, 0, 100}, RouteCodec.ADDR_ADDRESS.require(a));
        assertEquals("eth0:1", RouteCodec.ADDR_LABEL.require(a));
        assertArrayEquals(new byte[] {10, 0, 0, (byte) 255}, RouteCodec.ADDR_BROADCAST.require(a));
    }

    @Test
    void addingAnIpv6VipAsksForNoDuplicateAddressDetectionAndSendsNoLabel() {
        route.addAddress(InterfaceAddress.of("eth0", inet("2001:db8::100"), 64));

        Message m = lastOfType(RTM_NEWADDR);
        assertArrayEquals(new byte[] {10, 64, 2, 0, 2, 0, 0, 0}, header(m, IFADDRMSG_LEN)); // IFA_F_NODAD = 2
        Attributes a = m.attributes(IFADDRMSG_LEN);
        assertNull(RouteCodec.ADDR_LABEL.read(a));
        assertNull(RouteCodec.ADDR_BROADCAST.read(a));
        assertEquals(2, RouteCodec.ADDR_FLAGS.require(a));
    }

    @Test
    void deletingSendsOnlyTheAddressAndPrefix() {
        InterfaceAddress vip = InterfaceAddress.of("eth0", inet("10.0.0.100"), 24).withLabel("eth0:1");
        route.addAddress(vip);
        route.deleteAddress(vip);

        Message m = lastOfType(RTM_DELADDR);
        assertEquals(NLM_F_REQUEST | NLM_F_ACK, m.flags());
        Attributes a = m.attributes(IFADDRMSG_LEN);
        assertArrayEquals(new byte[] {10, 0, 0, 100}, RouteCodec.ADDR_LOCAL.require(a));
        assertNull(RouteCodec.ADDR_LABEL.read(a));
        assertTrue(fake.addresses().stream().noneMatch(x -> x.matches(vip)));
    }

    @Test
    void theIdempotentVariantsTreatEexistAndEaddrnotavailAsDone() {
        InterfaceAddress vip = InterfaceAddress.of("eth0", inet("10.0.0.100"), 24);
        assertTrue(route.addAddressIfAbsent(vip));
        assertFalse(route.addAddressIfAbsent(vip));
        AddressExistsException exists = assertThrows(AddressExistsException.class, () -> route.addAddress(vip));
        assertEquals(Errno.EEXIST, exists.errno());

        assertTrue(route.deleteAddressIfPresent(vip));
        assertFalse(route.deleteAddressIfPresent(vip));
        NoSuchAddressException gone = assertThrows(NoSuchAddressException.class, () -> route.deleteAddress(vip));
        assertEquals(Errno.EADDRNOTAVAIL, gone.errno());
    }

    @Test
    void anUnknownInterfaceIsNamedBeforeAnythingIsSent() {
        NoSuchInterfaceException e = assertThrows(NoSuchInterfaceException.class,
                () -> route.addAddress(InterfaceAddress.of("eth9", inet("10.0.0.100"), 24)));
        assertTrue(e.getMessage().startsWith("interface eth9 does not exist"), e.getMessage());
        assertTrue(fake.kernel().messagesReceived().stream().noneMatch(m -> m.type() == RTM_NEWADDR));
    }

    @Test
    void aRefusalWithoutPrivilegeSaysWhatIsNeeded() {
        fake.refusing("10.0.0.100", Errno.EPERM);
        RouteException e = assertThrows(RouteException.class,
                () -> route.addAddress(InterfaceAddress.of("eth0", inet("10.0.0.100"), 24)));
        assertEquals(Errno.EPERM, e.errno());
        assertTrue(e.getMessage().startsWith("add address 10.0.0.100/24 dev eth0: "), e.getMessage());
        assertTrue(e.getMessage().contains("CAP_NET_ADMIN"), e.getMessage());
    }

    @Test
    void listsAddressesWithInterfaceNamesAndLabels() {
        route.addAddress(InterfaceAddress.of("eth0", inet("10.0.0.100"), 24).withLabel("eth0:1"));
        List<AssignedAddress> all = route.addresses("eth0");
        assertEquals(2, all.size());
        AssignedAddress vip = all.get(1);
        assertEquals("eth0", vip.interfaceName());
        assertEquals(2, vip.interfaceIndex());
        assertEquals(inet("10.0.0.100"), vip.address());
        assertEquals(24, vip.prefixLength());
        assertEquals("eth0:1", vip.label());
        assertEquals("10.0.0.100/24 dev eth0 label eth0:1 scope global", vip.toString());
    }

    @Test
    void readsNeighboursWithTheirState() {
        fake.withNeighbour(2, "10.0.0.7", "02:00:00:00:00:07", 0x04)
                .withNeighbour(2, "10.0.0.8", null, 0x01);
        List<Neighbour> all = route.neighbours();
        assertEquals(2, all.size());
        assertEquals("10.0.0.7 dev eth0 lladdr 02:00:00:00:00:07 STALE", all.get(0).toString());
        assertNull(all.get(1).mac());
        assertEquals(NeighbourState.INCOMPLETE, all.get(1).state());
        assertEquals(MacAddress.parse("02:00:00:00:00:07"), route.neighbour("eth0", inet("10.0.0.7")).orElseThrow().mac());
    }

    @Test
    void findsLinksByNameAndIndex() {
        Link eth0 = route.requireLink("eth0");
        assertEquals(2, eth0.index());
        assertEquals(MacAddress.parse("02:00:5e:10:00:01"), eth0.mac());
        assertEquals(eth0, route.link(2).orElseThrow());
        assertTrue(route.link(9).isEmpty());
        assertEquals(List.of("lo", "eth0"), route.links().stream().map(Link::name).toList());
    }

    private static List<InterfaceAddress> vips(int count) {
        List<InterfaceAddress> out = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(InterfaceAddress.of("eth0", inet("10.1." + (i >> 8) + "." + (i & 0xff)), 32).withLabel("eth0:v"));
        }
        return out;
    }

    @Test
    void manyAddressesGoManyToADatagramWithTheInterfaceLookedUpOnce() {
        List<InterfaceAddress> vips = vips(2_000);
        int before = fake.kernel().datagramsReceived();

        List<AddressChange> added = route.addAddresses(vips);

        assertEquals(2_000, added.size());
        assertTrue(added.stream().allMatch(c -> c.result() == AddressChange.Result.CHANGED), added.get(0).toString());
        assertEquals(vips, added.stream().map(AddressChange::address).toList(), "in the order given");
        int sends = fake.kernel().datagramsReceived() - before;
        // One interface lookup, then 2,000 RTM_NEWADDR at most 512 to a datagram: 1 + 4, not 4,000 round trips.
        assertEquals(5, sends, "datagrams sent");
        assertEquals(2_001, fake.addresses().size());
        List<Message> newAddr = fake.kernel().messagesReceived().stream().filter(m -> m.type() == RTM_NEWADDR).toList();
        assertEquals(NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL, newAddr.get(0).flags(), "only a datagram's last asks for an ack");
    }

    @Test
    void aBatchTellsEachAddressApartAndTriesThemAll() {
        fake.withAddress(2, "10.1.0.1", 32, "eth0:v").refusing("10.1.0.2", Errno.EPERM);
        List<InterfaceAddress> asked = new java.util.ArrayList<>(vips(4));
        asked.add(InterfaceAddress.of("eth9", inet("10.9.0.1"), 32));

        List<AddressChange> added = route.addAddresses(asked);

        assertEquals(List.of(AddressChange.Result.CHANGED, AddressChange.Result.UNCHANGED, AddressChange.Result.FAILED,
                AddressChange.Result.CHANGED, AddressChange.Result.FAILED), added.stream().map(AddressChange::result).toList());
        assertEquals(Errno.EPERM, added.get(2).error().orElseThrow().errno());
        assertTrue(added.get(2).error().orElseThrow().getMessage().contains("add address"), added.get(2).toString());
        assertTrue(added.get(4).error().orElseThrow() instanceof NoSuchInterfaceException, added.get(4).toString());

        List<AddressChange> deleted = route.deleteAddresses(asked.subList(0, 4));
        assertEquals(List.of(AddressChange.Result.CHANGED, AddressChange.Result.CHANGED, AddressChange.Result.FAILED,
                AddressChange.Result.CHANGED), deleted.stream().map(AddressChange::result).toList());
        assertEquals(List.of(AddressChange.Result.UNCHANGED), route.deleteAddresses(asked.subList(0, 1)).stream()
                .map(AddressChange::result).toList(), "already gone");
        assertEquals(1, fake.addresses().size());
    }
}
