package io.jlvs.failover;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlvs.netlink.route.MacAddress;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The unsolicited NA frame against one built independently (Python's struct module, RFC 4861 §4.4 and
 * RFC 8200 §8.1 pseudo-header); the live test additionally has tcpdump and a peer kernel verify it.
 */
class NeighbourAdvertisementTest {
    private static final MacAddress MAC = MacAddress.parse("02:00:5e:10:00:01");

    private static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    @Test
    void matchesAnIndependentlyBuiltFrame() throws Exception {
        byte[] expected = hex(""
                + "333300000001 02005e100001 86dd"                   // Ethernet to ff02::1's multicast MAC
                + "60000000 0020 3a ff"                              // IPv6: payload 32, ICMPv6, hop limit 255
                + "20010db8000000000000000000000100"                 // source: the VIP
                + "ff020000000000000000000000000001"                 // destination: all nodes
                + "88 00 991c 20000000"                              // type 136, code 0, checksum, O flag
                + "20010db8000000000000000000000100"                 // target
                + "02 01 02005e100001");                             // option 2, 8 bytes, the MAC
        byte[] frame = NeighbourAdvertisement.unsolicited(MAC, (Inet6Address) InetAddress.getByName("2001:db8::100"));
        assertArrayEquals(expected, frame);
        assertEquals(NeighbourAdvertisement.FRAME_LEN, frame.length);
    }

    @Test
    void theChecksumOfAFrameWithItsChecksumIsZero() throws Exception {
        byte[] frame = NeighbourAdvertisement.unsolicited(MacAddress.parse("6e:8a:ef:d8:65:53"),
                (Inet6Address) InetAddress.getByName("fd00:77::1:2:3"));
        byte[] src = java.util.Arrays.copyOfRange(frame, 22, 38);
        byte[] dst = java.util.Arrays.copyOfRange(frame, 38, 54);
        // Summing a message that includes its own checksum gives 0xffff, complemented: 0 (RFC 1071).
        assertEquals(0, NeighbourAdvertisement.checksum(src, dst, frame, 54, 32));
    }
}
