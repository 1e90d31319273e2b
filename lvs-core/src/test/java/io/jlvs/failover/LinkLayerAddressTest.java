package io.jlvs.failover;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlvs.failover.internal.net.LinkLayerAddress;
import io.jlvs.netlink.route.MacAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** struct sockaddr_ll as include/uapi/linux/if_packet.h lays it out on a little-endian 64-bit host. */
class LinkLayerAddressTest {
    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[LinkLayerAddress.SIZE];
        b.get(0, out);
        return out;
    }

    @Test
    void aSendAddressNamesFamilyProtocolInterfaceAndDestination() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
        byte[] expected = {
            17, 0,                 // sll_family AF_PACKET, host order
            0x08, 0x06,            // sll_protocol ETH_P_ARP, network order
            3, 0, 0, 0,            // sll_ifindex 3, host order
            1, 0,                  // sll_hatype ARPHRD_ETHER
            0,                     // sll_pkttype
            6,                     // sll_halen
            -1, -1, -1, -1, -1, -1, 0, 0}; // sll_addr[8]
        assertArrayEquals(expected, bytes(LinkLayerAddress.forSend(0x0806, 3, MacAddress.BROADCAST)));
    }

    @Test
    void aBindAddressHasNoDestination() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
        byte[] expected = {17, 0, 0x08, 0x06, 7, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        assertArrayEquals(expected, bytes(LinkLayerAddress.forBind(0x0806, 7)));
    }

    @Test
    void theSocketProtocolArgumentIsInNetworkOrder() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x0608, LinkLayerAddress.protocolArgument(0x0806)); // htons(ETH_P_ARP)
        assertEquals(0xdd86, LinkLayerAddress.protocolArgument(0x86dd));
        assertEquals(0, LinkLayerAddress.protocolArgument(0));
    }
}
