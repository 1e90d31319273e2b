package io.jlvs.failover;

import static io.jlvs.failover.internal.net.EtherTypes.ETH_HLEN;
import static io.jlvs.failover.internal.net.EtherTypes.ETH_P_IPV6;

import io.jlvs.failover.internal.net.InternetChecksum;
import io.jlvs.netlink.route.MacAddress;
import java.net.Inet6Address;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The IPv6 counterpart of gratuitous ARP: an unsolicited Neighbor Advertisement (RFC 4861 §7.2.6) as
 * a whole Ethernet frame.
 * <pre>
 *   Ethernet  dst 33:33:00:00:00:01 (ff02::1 mapped, RFC 2464 §7), src = MAC, type 0x86dd
 *   IPv6      version 6, payload length 32, next header 58 (ICMPv6), hop limit 255,
 *             src = the advertised address, dst = ff02::1 (all nodes)
 *   ICMPv6    type 136, code 0, checksum, flags R=0 S=0 O=1 (RFC 4861 §4.4: unsolicited, so not
 *             Solicited; Override so receivers replace the cached MAC), target = the address,
 *             option 2 (Target Link-Layer Address), length 1 (8 octets), the MAC
 * </pre>
 * Hop limit 255 is what receivers check to know the packet was not routed (§7.1.2). The checksum
 * covers the IPv6 pseudo-header (RFC 8200 §8.1). Like ARP, Linux updates an existing neighbour entry
 * from it and creates none (unless {@code accept_untracked_na}).
 */
public final class NeighbourAdvertisement {
    public static final int ICMPV6_PAYLOAD = 32; // 24-byte NA + 8-byte target link-layer address option
    public static final int FRAME_LEN = ETH_HLEN + 40 + ICMPV6_PAYLOAD;
    private static final int IPPROTO_ICMPV6 = 58;
    private static final int ND_NEIGHBOR_ADVERT = 136;
    private static final int ND_OPT_TARGET_LINKADDR = 2;
    private static final int ND_NA_FLAG_OVERRIDE = 0x20000000;
    private static final byte[] ALL_NODES = {(byte) 0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    private static final byte[] ALL_NODES_MAC_BYTES = {0x33, 0x33, 0, 0, 0, 1};
    /** 33:33:00:00:00:01, the Ethernet multicast address of ff02::1 (RFC 2464 §7). */
    public static final MacAddress ALL_NODES_MAC = MacAddress.of(ALL_NODES_MAC_BYTES);

    private NeighbourAdvertisement() {}

    /** The frame announcing that {@code address} is at {@code sender}. */
    public static byte[] unsolicited(MacAddress sender, Inet6Address address) {
        Objects.requireNonNull(sender, "sender MAC");
        byte[] target = Objects.requireNonNull(address, "address").getAddress();
        ByteBuffer b = ByteBuffer.allocate(FRAME_LEN); // network order
        b.put(ALL_NODES_MAC_BYTES).put(sender.bytes()).putShort((short) ETH_P_IPV6);
        b.putInt(0x60000000).putShort((short) ICMPV6_PAYLOAD).put((byte) IPPROTO_ICMPV6).put((byte) 255);
        b.put(target).put(ALL_NODES);
        int icmp = b.position();
        b.put((byte) ND_NEIGHBOR_ADVERT).put((byte) 0).putShort((short) 0).putInt(ND_NA_FLAG_OVERRIDE).put(target);
        b.put((byte) ND_OPT_TARGET_LINKADDR).put((byte) 1).put(sender.bytes());
        byte[] frame = b.array();
        b.putShort(icmp + 2, (short) checksum(target, ALL_NODES, frame, icmp, ICMPV6_PAYLOAD));
        return frame;
    }

    /** ICMPv6 checksum: source, destination, upper-layer length (u32), 3 zero bytes, next header, then the message. */
    static int checksum(byte[] source, byte[] destination, byte[] data, int offset, int length) {
        long sum = InternetChecksum.add(0, source, 0, 16);
        sum = InternetChecksum.add(sum, destination, 0, 16);
        sum += length + IPPROTO_ICMPV6; // the pseudo-header's u32 length and u8 next header, as 16-bit words
        sum = InternetChecksum.add(sum, data, offset, length);
        return InternetChecksum.finish(sum);
    }
}
