package io.jlvs.ipvs;

import static io.jlvs.ipvs.TestAddresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Protocol, AddressFamily and ForwardingMethod: the kernel numbers and ipvsadm words. */
class KernelEnumsTest {

    @Test
    void protocolsHaveTheirIpNumbers() {
        assertEquals(6, Protocol.TCP.number());
        assertEquals(17, Protocol.UDP.number());
        assertEquals(132, Protocol.SCTP.number());
        assertEquals(Protocol.SCTP, Protocol.fromNumber(132));
        var e = assertThrows(IllegalArgumentException.class, () -> Protocol.fromNumber(1));
        assertTrue(e.getMessage().contains("number 1 "), e.getMessage());
    }

    @Test
    void familiesHaveTheirAfNumbers() {
        assertEquals(2, AddressFamily.INET.number());
        assertEquals(10, AddressFamily.INET6.number());
        assertEquals(AddressFamily.INET6, AddressFamily.fromNumber(10));
        assertEquals(AddressFamily.INET, AddressFamily.of(ip("192.0.2.1")));
        assertEquals(AddressFamily.INET6, AddressFamily.of(ip("2001:db8::")));
        var e = assertThrows(IllegalArgumentException.class, () -> AddressFamily.fromNumber(7));
        assertTrue(e.getMessage().contains("7"), e.getMessage());
    }

    @Test
    void forwardingMethodsHaveIpvsadmWordsAndOptions() {
        assertEquals("Masq", ForwardingMethod.MASQUERADE.ipvsadmName());
        assertEquals("Local", ForwardingMethod.LOCAL.ipvsadmName());
        assertEquals("Tunnel", ForwardingMethod.TUNNEL.ipvsadmName());
        assertEquals("Route", ForwardingMethod.DIRECT_ROUTE.ipvsadmName());
        assertEquals(Optional.of("-m"), ForwardingMethod.MASQUERADE.ipvsadmOption());
        assertEquals(Optional.empty(), ForwardingMethod.LOCAL.ipvsadmOption());
        assertEquals(Optional.of("-i"), ForwardingMethod.TUNNEL.ipvsadmOption());
        assertEquals(Optional.of("-g"), ForwardingMethod.DIRECT_ROUTE.ipvsadmOption());
    }

    @Test
    void forwardingMethodsDecodeFromConnFlags() {
        for (ForwardingMethod m : ForwardingMethod.values()) {
            assertEquals(m, ForwardingMethod.fromKernel(m.kernelValue()));
        }
        assertEquals(ForwardingMethod.DIRECT_ROUTE, ForwardingMethod.fromKernel(0x0100 | 3)); // INACTIVE bit ignored
        var e = assertThrows(IllegalArgumentException.class, () -> ForwardingMethod.fromKernel(4));
        assertTrue(e.getMessage().contains("4"), e.getMessage());
    }
}
