package io.jlvs.cli.jlvsadm;

import static io.jlvs.cli.jlvsadm.Fixtures.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet6Address;
import java.net.UnknownHostException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Addresses as glibc's inet_ntop writes them. */
class InetNtopTest {

    @Test
    void ipv4IsDottedQuad() {
        assertEquals("10.0.0.1", InetNtop.format(ip("10.0.0.1")));
    }

    @Test
    void longestZeroRunBecomesDoubleColon() {
        assertEquals("2001:db8::1", InetNtop.format(ip("2001:db8:0:0:0:0:0:1")));
        assertEquals("::1", InetNtop.format(ip("::1")));
        assertEquals("::", InetNtop.format(ip("::")));
        assertEquals("fe80::", InetNtop.format(ip("fe80:0:0:0:0:0:0:0")));
    }

    @Test
    void firstOfEqualRunsWinsAndSingleZeroStays() {
        assertEquals("2001:db8::1:0:0:1", InetNtop.format(ip("2001:db8:0:0:1:0:0:1")));
        assertEquals("2001:db8:0:1:1:1:1:1", InetNtop.format(ip("2001:db8:0:1:1:1:1:1")));
    }

    @Test
    void mappedAndCompatibleIpv4InDottedForm() throws UnknownHostException {
        byte[] mapped = HexFormat.of().parseHex("00000000000000000000ffff0a000001");
        assertEquals("::ffff:10.0.0.1", InetNtop.format(Inet6Address.getByAddress(null, mapped, -1)));
        byte[] compatible = HexFormat.of().parseHex("0000000000000000000000000a000001");
        assertEquals("::10.0.0.1", InetNtop.format(Inet6Address.getByAddress(null, compatible, -1)));
    }

    @Test
    void lowerCaseHex() {
        assertEquals("2001:db8:abcd::ef", InetNtop.format(ip("2001:DB8:ABCD::EF")));
    }
}
