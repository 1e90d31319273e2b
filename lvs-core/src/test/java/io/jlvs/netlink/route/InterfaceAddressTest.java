package io.jlvs.netlink.route;

import static io.jlvs.netlink.route.FakeRouteKernel.inet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Settings of an interface address are checked when it is made, with messages that say what to fix. */
class InterfaceAddressTest {

    @Test
    void aLabelMustStartWithTheInterfaceName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InterfaceAddress.of("eth0", inet("10.0.0.100"), 24).withLabel("eth1:1"));
        assertEquals("label eth1:1 must start with the interface name eth0 followed by ':' (e.g. eth0:1)", e.getMessage());
    }

    @Test
    void aLabelIsAtMostFifteenCharacters() {
        assertThrows(IllegalArgumentException.class,
                () -> InterfaceAddress.of("eth0", inet("10.0.0.100"), 24).withLabel("eth0:0123456789a"));
        assertEquals("eth0:0123456789", InterfaceAddress.of("eth0", inet("10.0.0.100"), 24).withLabel("eth0:0123456789").label());
    }

    @Test
    void withoutALabelTheLabelIsTheInterfaceName() {
        assertEquals("eth0", InterfaceAddress.of("eth0", inet("10.0.0.100"), 24).label());
    }

    @Test
    void ipv6AddressesTakeNoAliasLabel() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InterfaceAddress.of("eth0", inet("2001:db8::1"), 64).withLabel("eth0:1"));
        assertEquals("label eth0:1 for IPv6 address 2001:db8:0:0:0:0:0:1: IPv6 addresses have no labels "
                + "(the kernel ignores IFA_LABEL for IPv6); leave it out", e.getMessage());
    }

    @Test
    void thePrefixLengthFitsTheFamily() {
        assertEquals("prefix length 33 for 10.0.0.1 must be 0..32",
                assertThrows(IllegalArgumentException.class, () -> InterfaceAddress.of("eth0", inet("10.0.0.1"), 33)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> InterfaceAddress.of("eth0", inet("2001:db8::1"), 129));
        assertThrows(IllegalArgumentException.class, () -> InterfaceAddress.of("eth0", inet("10.0.0.1"), -1));
    }

    @Test
    void anAliasIsNotAnInterfaceName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InterfaceAddress.of("eth0:1", inet("10.0.0.1"), 24));
        assertEquals("bad interface name 'eth0:1': 1 to 15 characters without '/', ':' or spaces "
                + "(an alias like eth0:1 is a label, not an interface)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> InterfaceAddress.of("", inet("10.0.0.1"), 24));
        assertThrows(IllegalArgumentException.class, () -> InterfaceAddress.of("a-very-long-name0", inet("10.0.0.1"), 24));
    }

    @ParameterizedTest
    @CsvSource({
        "10.0.0.100, 24, 10.0.0.255",
        "10.0.0.100, 8, 10.255.255.255",
        "192.168.1.5, 30, 192.168.1.7",
        "10.0.0.100, 0, 255.255.255.255",
    })
    void theBroadcastHasEveryHostBitSet(String address, int prefix, String broadcast) {
        assertEquals(inet(broadcast), InterfaceAddress.of("eth0", inet(address), prefix).broadcast());
    }

    @Test
    void pointToPointAndHostPrefixesAndIpv6HaveNoBroadcast() {
        assertNull(InterfaceAddress.of("eth0", inet("10.0.0.100"), 31).broadcast());
        assertNull(InterfaceAddress.of("eth0", inet("10.0.0.100"), 32).broadcast());
        assertNull(InterfaceAddress.of("eth0", inet("2001:db8::1"), 64).broadcast());
    }

    @Test
    void macAddressesParseAndPrint() {
        assertEquals("02:00:5e:10:00:01", MacAddress.parse("02:00:5E:10:00:01").toString());
        assertThrows(IllegalArgumentException.class, () -> MacAddress.parse("02:00:5e:10:00"));
        assertThrows(IllegalArgumentException.class, () -> MacAddress.parse("zz:00:5e:10:00:01"));
    }
}
