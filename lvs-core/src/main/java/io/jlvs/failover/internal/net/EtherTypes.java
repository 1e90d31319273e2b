package io.jlvs.failover.internal.net;

/** Ethernet frame constants, named as in include/uapi/linux/if_ether.h and if_packet.h. */
public final class EtherTypes {
    private EtherTypes() {}

    /** ETH_ALEN: octets in one Ethernet address. */
    public static final int ETH_ALEN = 6;
    /** ETH_HLEN: destination, source, EtherType. */
    public static final int ETH_HLEN = 14;
    public static final int ETH_P_IP = 0x0800;
    public static final int ETH_P_ARP = 0x0806;
    public static final int ETH_P_IPV6 = 0x86DD;
    /** ARPHRD_ETHER (include/uapi/linux/if_arp.h): hardware type 1 in ARP and sockaddr_ll. */
    public static final int ARPHRD_ETHER = 1;
    /** PACKET_OUTGOING (if_packet.h): sll_pkttype of a frame this host sent. */
    public static final int PACKET_OUTGOING = 4;
}
