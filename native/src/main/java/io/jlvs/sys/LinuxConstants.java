package io.jlvs.sys;

/**
 * Linux ABI constants used with {@link Syscalls} (x86-64 and the other common 64-bit ABIs share
 * these values). Each is named as in the kernel or glibc header cited beside it.
 */
public final class LinuxConstants {
    private LinuxConstants() {}

    // <bits/socket.h>, <linux/socket.h>
    public static final int AF_UNSPEC = 0;
    public static final int AF_UNIX = 1;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int AF_NETLINK = 16;
    public static final int AF_PACKET = 17;

    // <bits/socket_type.h>
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_NONBLOCK = 0x800;
    public static final int SOCK_CLOEXEC = 0x80000;

    // <asm-generic/socket.h>
    public static final int SOL_SOCKET = 1;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_RCVTIMEO = 20; // SO_RCVTIMEO_OLD: struct timeval with 64-bit fields
    public static final int SO_SNDTIMEO = 21;
    public static final int SO_SNDBUFFORCE = 32;
    public static final int SO_RCVBUFFORCE = 33;

    // <netinet/in.h>, <linux/icmp.h>, <linux/icmpv6.h>: ICMP echo sockets (ping(7) datagram or raw(7))
    public static final int IPPROTO_ICMP = 1;
    public static final int IPPROTO_ICMPV6 = 58;
    public static final int SOL_RAW = 255;
    public static final int ICMP_FILTER = 1;   // SOL_RAW, u32: bit n set = drop ICMP type n
    public static final int ICMP6_FILTER = 1;  // IPPROTO_ICMPV6, struct icmp6_filter: u32[8], bit set = drop

    // <linux/netlink.h>
    public static final int SOL_NETLINK = 270;
    public static final int NETLINK_ROUTE = 0;
    public static final int NETLINK_GENERIC = 16;
    public static final int NETLINK_ADD_MEMBERSHIP = 1;
    public static final int NETLINK_DROP_MEMBERSHIP = 2;
    public static final int NETLINK_CAP_ACK = 10;
    public static final int NETLINK_EXT_ACK = 11;
    public static final int NETLINK_GET_STRICT_CHK = 12;

    // <bits/socket.h> message flags
    public static final int MSG_PEEK = 0x2;
    public static final int MSG_TRUNC = 0x20;
    public static final int MSG_DONTWAIT = 0x40;

    // <fcntl.h>
    public static final int O_RDONLY = 0;
    public static final int O_CLOEXEC = 0x80000;

    // <sched.h>
    public static final int CLONE_NEWNET = 0x40000000;
}
