package io.jlvs.netlink.route.internal;

/**
 * The rtnetlink ABI this package uses, each constant named as in the kernel header cited beside it.
 * Every integer on the wire is in host byte order; addresses ({@code IFA_*}, {@code NDA_DST}) are raw
 * network-order bytes, 4 for IPv4 and 16 for IPv6; link-layer addresses are raw bytes.
 */
public final class RouteUapi {
    private RouteUapi() {}

    // include/uapi/linux/rtnetlink.h: message types
    public static final int RTM_NEWLINK = 16;
    public static final int RTM_DELLINK = 17;
    /** rtnetlink multicast group of link notifications (RTNLGRP_LINK). */
    public static final int RTNLGRP_LINK = 1;
    public static final int RTM_GETLINK = 18;
    public static final int RTM_NEWADDR = 20;
    public static final int RTM_DELADDR = 21;
    public static final int RTM_GETADDR = 22;
    public static final int RTM_NEWNEIGH = 28;
    public static final int RTM_GETNEIGH = 30;

    // include/uapi/linux/rtnetlink.h: enum rt_scope_t
    public static final int RT_SCOPE_UNIVERSE = 0;
    public static final int RT_SCOPE_SITE = 200;
    public static final int RT_SCOPE_LINK = 253;
    public static final int RT_SCOPE_HOST = 254;
    public static final int RT_SCOPE_NOWHERE = 255;

    /** sizeof(struct ifinfomsg): u8 family, u8 pad, u16 type, s32 index, u32 flags, u32 change (rtnetlink.h). */
    public static final int IFINFOMSG_LEN = 16;
    /** sizeof(struct ifaddrmsg): u8 family, u8 prefixlen, u8 flags, u8 scope, u32 index (if_addr.h). */
    public static final int IFADDRMSG_LEN = 8;
    /** sizeof(struct ndmsg): u8 family, u8 pad1, u16 pad2, s32 ifindex, u16 state, u8 flags, u8 type (neighbour.h). */
    public static final int NDMSG_LEN = 12;

    // include/uapi/linux/if_link.h: enum IFLA_*
    public static final int IFLA_ADDRESS = 1;
    public static final int IFLA_IFNAME = 3;
    public static final int IFLA_MTU = 4;
    public static final int IFLA_OPERSTATE = 16;

    // include/uapi/linux/if.h: net_device_flags, and IFNAMSIZ
    public static final int IFF_UP = 0x1;
    public static final int IFF_LOOPBACK = 0x8;
    public static final int IFF_RUNNING = 0x40;
    public static final int IFF_LOWER_UP = 0x10000;
    public static final int IFNAMSIZ = 16;

    // include/uapi/linux/if_addr.h: enum IFA_* and ifa_flags
    public static final int IFA_ADDRESS = 1;
    public static final int IFA_LOCAL = 2;
    public static final int IFA_LABEL = 3;
    public static final int IFA_BROADCAST = 4;
    public static final int IFA_FLAGS = 8;
    public static final int IFA_F_SECONDARY = 0x01;
    public static final int IFA_F_NODAD = 0x02;
    public static final int IFA_F_DADFAILED = 0x08;
    public static final int IFA_F_TENTATIVE = 0x40;
    public static final int IFA_F_PERMANENT = 0x80;

    // include/uapi/linux/neighbour.h: enum NDA_* and the NUD_* states
    public static final int NDA_DST = 1;
    public static final int NDA_LLADDR = 2;
    public static final int NUD_INCOMPLETE = 0x01;
    public static final int NUD_REACHABLE = 0x02;
    public static final int NUD_STALE = 0x04;
    public static final int NUD_DELAY = 0x08;
    public static final int NUD_PROBE = 0x10;
    public static final int NUD_FAILED = 0x20;
    public static final int NUD_NOARP = 0x40;
    public static final int NUD_PERMANENT = 0x80;
}
