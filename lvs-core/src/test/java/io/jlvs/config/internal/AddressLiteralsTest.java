package io.jlvs.config.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/**
 * lvs.cf's IP literals (Values.address, on Guava's InetAddresses): IPv4, IPv6 with or without
 * brackets, no host names, and no IPv4 octet with a leading zero, which Piranha and ipvsadm would read
 * as octal and Java as decimal.
 */
class AddressLiteralsTest {
    @Test
    void literalsOfBothFamilies() throws Exception {
        assertEquals(InetAddress.getByName("10.23.8.80"), Values.address("10.23.8.80"));
        assertEquals(InetAddress.getByName("2001:db8::1"), Values.address("2001:db8::1"));
        assertEquals(InetAddress.getByName("2001:db8::1"), Values.address("[2001:db8::1]"));
        assertEquals(InetAddress.getByName("0.0.0.0"), Values.address("0.0.0.0"));
    }

    @Test
    void aLeadingZeroIsRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Values.address("010.0.0.1"));
        assertEquals("'010.0.0.1': an IPv4 octet with a leading zero is ambiguous (octal to Piranha and ipvsadm,"
                + " decimal to Java); write it without the zero", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Values.address("10.0.0.01"));
    }

    @Test
    void namesAndNonsenseAreRefused() {
        for (String bad : new String[] {"localhost", "10.0.0", "10.0.0.1.2", "2001:db8::g", "", "1.2.3.4/24"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Values.address(bad), bad);
            assertEquals("must be an IPv4 or IPv6 address, got '" + bad + "'", e.getMessage());
        }
        assertEquals("'10.0.0.300' is not an IPv4 address (octet 300)",
                assertThrows(IllegalArgumentException.class, () -> Values.address("10.0.0.300")).getMessage());
    }
}
