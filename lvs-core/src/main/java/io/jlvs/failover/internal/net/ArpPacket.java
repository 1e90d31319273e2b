package io.jlvs.failover.internal.net;

import static io.jlvs.failover.internal.net.EtherTypes.ARPHRD_ETHER;
import static io.jlvs.failover.internal.net.EtherTypes.ETH_HLEN;
import static io.jlvs.failover.internal.net.EtherTypes.ETH_P_ARP;
import static io.jlvs.failover.internal.net.EtherTypes.ETH_P_IP;

import io.jlvs.netlink.route.MacAddress;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * An Ethernet/IPv4 ARP packet (RFC 826) inside its Ethernet II frame:
 * <pre>
 *   Ethernet: dst[6] src[6] type=0x0806
 *   ARP:      htype=1 ptype=0x0800 hlen=6 plen=4 op sha[6] spa[4] tha[6] tpa[4]
 * </pre>
 * 14 + 28 = 42 bytes, all fields in network byte order. The frame's source is the sender hardware
 * address.
 */
public record ArpPacket(int operation, MacAddress senderMac, Inet4Address senderIp, MacAddress targetMac,
                        Inet4Address targetIp) {
    public static final int ARPOP_REQUEST = 1;
    public static final int ARPOP_REPLY = 2;
    /** Bytes of the ARP part (after the Ethernet header). */
    public static final int ARP_LEN = 28;
    public static final int FRAME_LEN = ETH_HLEN + ARP_LEN;

    /** The whole frame, to {@code destination}. */
    public byte[] frame(MacAddress destination) {
        ByteBuffer b = ByteBuffer.allocate(FRAME_LEN); // big-endian: network order
        b.put(destination.bytes()).put(senderMac.bytes()).putShort((short) ETH_P_ARP);
        b.putShort((short) ARPHRD_ETHER).putShort((short) ETH_P_IP).put((byte) 6).put((byte) 4);
        b.putShort((short) operation);
        b.put(senderMac.bytes()).put(senderIp.getAddress()).put(targetMac.bytes()).put(targetIp.getAddress());
        return b.array();
    }

    /** The ARP packet in an Ethernet frame of {@code length} bytes, if it is an Ethernet/IPv4 one. */
    public static Optional<ArpPacket> parse(byte[] frame, int length) {
        if (length < FRAME_LEN) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(frame, 0, length);
        if (Short.toUnsignedInt(b.getShort(12)) != ETH_P_ARP || Short.toUnsignedInt(b.getShort(14)) != ARPHRD_ETHER
                || Short.toUnsignedInt(b.getShort(16)) != ETH_P_IP || b.get(18) != 6 || b.get(19) != 4) {
            return Optional.empty();
        }
        int op = Short.toUnsignedInt(b.getShort(20));
        return Optional.of(new ArpPacket(op, mac(frame, 22), ipv4(frame, 28), mac(frame, 32), ipv4(frame, 38)));
    }

    private static MacAddress mac(byte[] frame, int at) {
        byte[] b = new byte[6];
        System.arraycopy(frame, at, b, 0, 6);
        return MacAddress.of(b);
    }

    private static Inet4Address ipv4(byte[] frame, int at) {
        byte[] b = new byte[4];
        System.arraycopy(frame, at, b, 0, 4);
        try {
            return (Inet4Address) InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // four bytes are always an address
        }
    }
}
