package io.jlvs.failover.internal.net;

import static io.jlvs.sys.LinuxConstants.AF_PACKET;

import io.jlvs.netlink.route.MacAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * struct sockaddr_ll (include/uapi/linux/if_packet.h), the address of an AF_PACKET socket:
 * <pre>
 *   u16 sll_family    AF_PACKET, host order
 *   be16 sll_protocol EtherType, network order
 *   s32 sll_ifindex   host order
 *   u16 sll_hatype    ARPHRD_*, host order
 *   u8  sll_pkttype
 *   u8  sll_halen
 *   u8  sll_addr[8]
 * </pre>
 * 20 bytes in all.
 */
public final class LinkLayerAddress {
    public static final int SIZE = 20;

    private LinkLayerAddress() {}

    /** For bind(2): receive {@code etherType} frames (0: none) on interface {@code ifindex}. */
    public static ByteBuffer forBind(int etherType, int ifindex) {
        return build(etherType, ifindex, null);
    }

    /** For sendto(2): a frame out of {@code ifindex} to {@code destination}. */
    public static ByteBuffer forSend(int etherType, int ifindex, MacAddress destination) {
        return build(etherType, ifindex, destination);
    }

    private static ByteBuffer build(int etherType, int ifindex, MacAddress destination) {
        ByteBuffer b = ByteBuffer.allocateDirect(SIZE).order(ByteOrder.nativeOrder());
        b.putShort(0, (short) AF_PACKET);
        b.put(2, (byte) (etherType >>> 8)).put(3, (byte) etherType);
        b.putInt(4, ifindex);
        b.putShort(8, (short) EtherTypes.ARPHRD_ETHER);
        if (destination != null) {
            b.put(11, (byte) MacAddress.LENGTH);
            b.put(12, destination.bytes());
        }
        return b;
    }

    /** htons(etherType): the socket(2) protocol argument of an AF_PACKET socket is in network order. */
    public static int protocolArgument(int etherType) {
        int value = etherType & 0xffff;
        return ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? ((value & 0xff) << 8) | (value >>> 8) : value;
    }
}
