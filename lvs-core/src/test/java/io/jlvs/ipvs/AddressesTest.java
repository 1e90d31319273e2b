package io.jlvs.ipvs;

import static io.jlvs.ipvs.TestAddresses.ip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.net.Inet6Address;
import java.net.InetAddress;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;

class AddressesTest {

    @Test
    void ipv6IsShownInRfc5952Form() {
        assertEquals("2001:db8::1", Addresses.format(ip("2001:0db8:0:0:0:0:0:1")));
        assertEquals("::", Addresses.format(ip("::")));
        assertEquals("::1", Addresses.format(ip("::1")));
        assertEquals("1::", Addresses.format(ip("1:0:0:0:0:0:0:0")));
        assertEquals("2001:db8:0:1:1:1:1:1", Addresses.format(ip("2001:db8:0:1:1:1:1:1")));
        assertEquals("2001:db8::1:0:0:1", Addresses.format(ip("2001:db8:0:0:1:0:0:1")));
        assertEquals("2001:0:0:1::1", Addresses.format(ip("2001:0:0:1:0:0:0:1")));
    }

    @Test
    void ipv4MappedIpv6StaysIpv6AndShowsDotted() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 10, 0, 0, 2};
        InetAddress a = Addresses.normalize(Inet6Address.getByAddress(null, mapped, -1), "a");
        assertInstanceOf(Inet6Address.class, a);
        assertEquals("::ffff:10.0.0.2", Addresses.format(a));
        assertEquals("[::ffff:10.0.0.2]:80", Addresses.endpoint(a, 80));
    }

    @Test
    void endpointsBracketIpv6() {
        assertEquals("10.0.0.1:80", Addresses.endpoint(ip("10.0.0.1"), 80));
        assertEquals("[2001:db8::1]:443", Addresses.endpoint(ip("2001:db8::1"), 443));
    }

    @Property
    void formattedAddressesParseBackToTheSameBytes(@ForAll("addresses") InetAddress address) {
        InetAddress parsed = ip(Addresses.format(address));
        byte[] expected = address.getAddress();
        byte[] actual = parsed.getAddress();
        if (actual.length == 4 && expected.length == 16) { // Java parses ::ffff:a.b.c.d as IPv4
            actual = IpvsArbitraries.address(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1,
                    actual[0], actual[1], actual[2], actual[3]}).getAddress();
        }
        assertArrayEquals(expected, actual);
    }

    @Provide
    Arbitrary<InetAddress> addresses() {
        return IpvsArbitraries.addresses();
    }
}
