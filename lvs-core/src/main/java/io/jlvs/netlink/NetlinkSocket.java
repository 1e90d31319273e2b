package io.jlvs.netlink;

import static io.jlvs.sys.LinuxConstants.AF_NETLINK;
import static io.jlvs.sys.LinuxConstants.MSG_TRUNC;
import static io.jlvs.sys.LinuxConstants.NETLINK_ADD_MEMBERSHIP;
import static io.jlvs.sys.LinuxConstants.NETLINK_CAP_ACK;
import static io.jlvs.sys.LinuxConstants.NETLINK_EXT_ACK;
import static io.jlvs.sys.LinuxConstants.SOCK_CLOEXEC;
import static io.jlvs.sys.LinuxConstants.SOCK_RAW;
import static io.jlvs.sys.LinuxConstants.SOL_NETLINK;
import static io.jlvs.sys.LinuxConstants.SOL_SOCKET;
import static io.jlvs.sys.LinuxConstants.SO_RCVBUF;
import static io.jlvs.sys.LinuxConstants.SO_RCVBUFFORCE;
import static io.jlvs.sys.LinuxConstants.SO_RCVTIMEO;
import static io.jlvs.sys.LinuxConstants.SO_SNDBUF;
import static io.jlvs.sys.LinuxConstants.SO_SNDBUFFORCE;

import io.jlvs.sys.Errno;
import io.jlvs.sys.Syscalls;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

/**
 * A netlink socket of one protocol, bound with a kernel-assigned port id, in the network namespace
 * of the thread that opened it (see {@link NetworkNamespace} for another namespace). Asks for
 * extended acks (error text from the kernel) and capped acks (errors do not echo the whole request),
 * a large receive buffer (batches of acknowledgements must not overflow it) and a receive timeout,
 * so no call blocks forever.
 */
public final class NetlinkSocket implements NetlinkTransport {
    /** 4 MiB: room for the acks of a full batch send (each ack costs ~1 KiB of socket memory). */
    public static final int DEFAULT_BUFFER_BYTES = 4 << 20;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final Syscalls sys;
    private final int fd;
    private final int portId;
    private volatile boolean closed;

    private NetlinkSocket(Syscalls sys, int fd, int portId) {
        this.sys = sys;
        this.fd = fd;
        this.portId = portId;
    }

    public static NetlinkSocket open(Syscalls sys, int protocol) {
        return open(sys, protocol, DEFAULT_TIMEOUT);
    }

    public static NetlinkSocket open(Syscalls sys, int protocol, Duration receiveTimeout) {
        int fd = check(sys.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol), "socket(AF_NETLINK, " + protocol + ")");
        try {
            // FORCE needs CAP_NET_ADMIN; without it fall back to the sysctl-capped ordinary option.
            if (sys.setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, DEFAULT_BUFFER_BYTES) < 0) {
                sys.setsockopt(fd, SOL_SOCKET, SO_RCVBUF, DEFAULT_BUFFER_BYTES);
            }
            if (sys.setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, 1 << 20) < 0) {
                sys.setsockopt(fd, SOL_SOCKET, SO_SNDBUF, 1 << 20);
            }
            // Both are best effort: kernels before 4.12 / 4.3 lack them and still work.
            sys.setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, 1);
            sys.setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, 1);
            setReceiveTimeout(sys, fd, receiveTimeout);

            ByteBuffer addr = ByteBuffer.allocateDirect(12).order(ByteOrder.nativeOrder());
            addr.putShort(0, (short) AF_NETLINK); // struct sockaddr_nl: family, pad, pid 0 = assign, groups
            check(sys.bind(fd, addr, 12), "bind(netlink)");
            int length = check(sys.getsockname(fd, addr), "getsockname(netlink)");
            if (length < 12) {
                throw new MalformedMessageException("getsockname returned " + length + " bytes for sockaddr_nl");
            }
            return new NetlinkSocket(sys, fd, addr.getInt(4));
        } catch (RuntimeException e) {
            sys.close(fd);
            throw e;
        }
    }

    private static void setReceiveTimeout(Syscalls sys, int fd, Duration timeout) {
        // struct timeval { long tv_sec; long tv_usec; } on 64-bit Linux.
        ByteBuffer tv = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
        tv.putLong(0, timeout.toSeconds()).putLong(8, timeout.toNanosPart() / 1000);
        check(sys.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, tv, 16), "setsockopt(SO_RCVTIMEO)");
    }

    @Override
    public void send(ByteBuffer datagram) {
        ensureOpen();
        int length = datagram.remaining();
        int sent = sys.sendto(fd, datagram, length, 0, null, 0);
        if (sent < 0) {
            throw NetlinkException.of("sendto(netlink)", -sent, null);
        }
        if (sent != length) {
            throw new NetlinkException("sendto(netlink) sent " + sent + " of " + length + " bytes", 0, null);
        }
    }

    @Override
    public int receive(ByteBuffer into) {
        ensureOpen();
        int capacity = into.capacity();
        ByteBuffer at0 = into.duplicate().clear();
        int n;
        int interrupted = 0;
        do {
            n = sys.recv(fd, at0, capacity, MSG_TRUNC);
        } while (n == -Errno.EINTR && ++interrupted < 100);
        if (n < 0) {
            String op = n == -Errno.EAGAIN ? "recv(netlink): no reply within the receive timeout" : "recv(netlink)";
            throw NetlinkException.of(op, -n, null);
        }
        if (n > capacity) {
            throw new MalformedMessageException("netlink datagram of " + n + " bytes truncated to a "
                    + capacity + "-byte receive buffer");
        }
        return n;
    }

    /**
     * Joins multicast group {@code group} of this socket's protocol (for rtnetlink, RTNLGRP_LINK = 1 and
     * so on): the kernel's notifications of that group arrive on {@link #receive} from now on.
     */
    public void joinGroup(int group) {
        ensureOpen();
        if (group <= 0) {
            throw new IllegalArgumentException("netlink group must be positive, got " + group);
        }
        check(sys.setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, group), "setsockopt(NETLINK_ADD_MEMBERSHIP, " + group + ")");
    }

    @Override
    public int portId() {
        return portId;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            sys.close(fd);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("netlink socket closed");
        }
    }

    private static int check(int result, String op) {
        if (result < 0) {
            throw NetlinkException.of(op, -result, null);
        }
        return result;
    }
}
