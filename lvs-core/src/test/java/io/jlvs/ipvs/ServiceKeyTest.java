package io.jlvs.ipvs;

import static io.jlvs.ipvs.TestAddresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class ServiceKeyTest {

    @Test
    void addressKeysPrintAsIpvsadmDoes() {
        assertEquals("TCP 10.0.0.1:80", ServiceKey.tcp(ip("10.0.0.1"), 80).toString());
        assertEquals("UDP 10.0.0.1:53", ServiceKey.udp(ip("10.0.0.1"), 53).toString());
        assertEquals("SCTP 10.0.0.1:3868", ServiceKey.sctp(ip("10.0.0.1"), 3868).toString());
        assertEquals("TCP [2001:db8::1]:80", ServiceKey.tcp(ip("2001:db8::1"), 80).toString());
    }

    @Test
    void fwmarkKeysPrintAsIpvsadmDoesWithIpv6Marked() {
        assertEquals("FWM 5", ServiceKey.fwmark(5, AddressFamily.INET).toString());
        assertEquals("FWM 5 IPv6", ServiceKey.fwmark(5, AddressFamily.INET6).toString());
    }

    @Test
    void fwmarkAbove2To31IsShownUnsigned() {
        ServiceKey.Fwmark key = ServiceKey.fwmark(0xFFFFFFFF, AddressFamily.INET);
        assertEquals("FWM 4294967295", key.toString());
        assertEquals(4294967295L, key.unsignedMark());
    }

    @Test
    void fwmarkZeroIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> ServiceKey.fwmark(0, AddressFamily.INET));
        assertTrue(e.getMessage().contains("firewall mark 0"), e.getMessage());
    }

    @Test
    void portOutOfRangeIsRejectedNamingThePort() {
        var e = assertThrows(IllegalArgumentException.class, () -> ServiceKey.tcp(ip("10.0.0.1"), 65536));
        assertTrue(e.getMessage().contains("65536"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ServiceKey.tcp(ip("10.0.0.1"), -1));
    }

    @Test
    void portZeroIsAllowed() {
        assertEquals(0, ServiceKey.tcp(ip("10.0.0.1"), 0).port());
    }

    @Test
    void familyComesFromTheAddress() {
        assertEquals(AddressFamily.INET, ServiceKey.tcp(ip("10.0.0.1"), 80).family());
        assertEquals(AddressFamily.INET6, ServiceKey.tcp(ip("::1"), 80).family());
        assertEquals(AddressFamily.INET6, ServiceKey.fwmark(1, AddressFamily.INET6).family());
    }

    @Test
    void hostNameAndScopeDoNotMatter() throws Exception {
        var named = InetAddress.getByAddress("web", new byte[] {10, 0, 0, 1});
        assertEquals(ServiceKey.tcp(ip("10.0.0.1"), 80), ServiceKey.tcp(named, 80));
        assertEquals(ServiceKey.tcp(ip("fe80::1"), 80), ServiceKey.tcp(ip("fe80::1%1"), 80));
        assertEquals("TCP [fe80::1]:80", ServiceKey.tcp(ip("fe80::1%1"), 80).toString());
    }

    @Test
    void keysDifferByProtocolPortAndFamily() {
        assertNotEquals(ServiceKey.tcp(ip("10.0.0.1"), 80), ServiceKey.udp(ip("10.0.0.1"), 80));
        assertNotEquals(ServiceKey.tcp(ip("10.0.0.1"), 80), ServiceKey.tcp(ip("10.0.0.1"), 81));
        assertNotEquals(ServiceKey.fwmark(1, AddressFamily.INET), ServiceKey.fwmark(1, AddressFamily.INET6));
    }

    @Test
    void nullsAreRejected() {
        assertThrows(NullPointerException.class, () -> ServiceKey.tcp(null, 80));
        assertThrows(NullPointerException.class, () -> new ServiceKey.Address(null, ip("10.0.0.1"), 80));
        assertThrows(NullPointerException.class, () -> ServiceKey.fwmark(1, null));
    }
}
