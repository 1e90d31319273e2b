package io.jlvs.health.internal.check;

import static io.jlvs.sys.LinuxConstants.AF_INET;
import static io.jlvs.sys.LinuxConstants.AF_INET6;
import static io.jlvs.sys.LinuxConstants.ICMP6_FILTER;
import static io.jlvs.sys.LinuxConstants.ICMP_FILTER;
import static io.jlvs.sys.LinuxConstants.IPPROTO_ICMP;
import static io.jlvs.sys.LinuxConstants.IPPROTO_ICMPV6;
import static io.jlvs.sys.LinuxConstants.MSG_DONTWAIT;
import static io.jlvs.sys.LinuxConstants.SOCK_CLOEXEC;
import static io.jlvs.sys.LinuxConstants.SOCK_DGRAM;
import static io.jlvs.sys.LinuxConstants.SOCK_NONBLOCK;
import static io.jlvs.sys.LinuxConstants.SOCK_RAW;
import static io.jlvs.sys.LinuxConstants.SOL_RAW;

import io.jlvs.sys.Errno;
import io.jlvs.sys.Syscalls;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;

/**
 * One ICMP echo exchange with a host, through the syscall layer (no forked {@code ping}).
 *
 * <p>The socket is a datagram ICMP socket ("ping socket", {@code SOCK_DGRAM}/{@code IPPROTO_ICMP}),
 * which needs no privilege when the process's group is inside {@code net.ipv4.ping_group_range}
 * (that sysctl covers ICMPv6 too). Where it is not (the kernel's default range is empty), the socket
 * is a raw one, which needs CAP_NET_RAW, with a kernel filter that passes only echo replies. A ping
 * socket receives only the replies to its own identifier; a raw one receives every echo reply the
 * host gets, so with many probes at once the datagram kind costs less: allow jlvsd's group in
 * {@code ping_group_range} on a director with many ping-checked servers.
 *
 * <p>Probes run on virtual threads, and a thread blocked inside a native call pins its carrier, so
 * the reply is awaited with non-blocking receives and short sleeps (1 ms doubling to 20 ms), never with
 * a blocking recv: a hundred dead servers do not stall the other probes.
 */
public final class IcmpEcho {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TOKEN_BYTES = 16;
    private static final long FIRST_PAUSE_NANOS = 1_000_000;
    private static final long LONGEST_PAUSE_NANOS = 20_000_000;

    /** The kind of socket an exchange used. */
    public enum SocketKind {
        DATAGRAM("datagram ICMP socket"), RAW("raw ICMP socket");

        private final String description;

        SocketKind(String description) {
            this.description = description;
        }

        @Override
        public String toString() {
            return description;
        }
    }

    /** How one successful exchange went. */
    public record Reply(Duration roundTrip, SocketKind kind) {}

    private IcmpEcho() {}

    /**
     * Sends one echo request to {@code target} (from {@code source} when given) and waits at most
     * {@code timeout} for its reply. Throws {@link ProbeFailedException} with the reason when there is
     * none: no reply in time, a socket that cannot be opened (and why), a send the kernel refuses.
     */
    public static Reply ping(Syscalls sys, InetAddress target, Optional<InetAddress> source, Duration timeout)
            throws ProbeFailedException, InterruptedException {
        boolean v6 = target instanceof Inet6Address;
        if (source.isPresent() && (source.get() instanceof Inet6Address) != v6) {
            throw new ProbeFailedException("source " + source.get().getHostAddress() + " is not of "
                    + target.getHostAddress() + "'s address family");
        }
        int family = v6 ? AF_INET6 : AF_INET;
        int protocol = v6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP;
        SocketKind kind = SocketKind.DATAGRAM;
        int fd = sys.socket(family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol);
        if (fd == -Errno.EACCES || fd == -Errno.EPERM) {
            kind = SocketKind.RAW;
            fd = sys.socket(family, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol);
            if (fd == -Errno.EPERM || fd == -Errno.EACCES) {
                throw new ProbeFailedException("cannot open an ICMP socket: this process's group is outside"
                        + " sysctl net.ipv4.ping_group_range (datagram ICMP sockets) and it lacks CAP_NET_RAW"
                        + " (raw ones); allow its group in ping_group_range or run jlvsd as root");
            }
        }
        if (fd < 0) {
            throw failure("socket(" + (v6 ? "AF_INET6" : "AF_INET") + ", " + kind + ")", -fd);
        }
        try {
            if (kind == SocketKind.RAW) {
                onlyEchoReplies(sys, fd, v6);
            }
            if (source.isPresent()) {
                int rc = sys.bind(fd, InetSockaddr.of(source.get()), InetSockaddr.size(source.get()));
                if (rc < 0) {
                    throw failure("bind to source " + source.get().getHostAddress(), -rc);
                }
            }
            return exchange(sys, fd, kind, target, v6, timeout);
        } finally {
            sys.close(fd);
        }
    }

    private static Reply exchange(Syscalls sys, int fd, SocketKind kind, InetAddress target, boolean v6, Duration timeout)
            throws ProbeFailedException, InterruptedException {
        byte[] token = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(token);
        EchoPacket request = new EchoPacket(v6, RANDOM.nextInt(1 << 16), RANDOM.nextInt(1 << 16), token);
        ByteBuffer out = ByteBuffer.allocateDirect(request.length());
        request.writeRequest(out);
        out.clear();
        long start = System.nanoTime();
        int sent = sys.sendto(fd, out, request.length(), MSG_DONTWAIT, InetSockaddr.of(target), InetSockaddr.size(target));
        if (sent < 0) {
            throw failure("echo request to " + target.getHostAddress(), -sent);
        }
        ByteBuffer in = ByteBuffer.allocateDirect(2048);
        ByteBuffer from = InetSockaddr.buffer();
        long end = start + timeout.toNanos();
        long pause = FIRST_PAUSE_NANOS;
        while (true) {
            int n = sys.recvfrom(fd, in.clear(), in.capacity(), MSG_DONTWAIT, from.clear());
            if (n >= 0 && matches(request, in, n, from, target, kind, v6)) {
                return new Reply(Duration.ofNanos(System.nanoTime() - start), kind);
            }
            if (n < 0 && n != -Errno.EAGAIN && n != -Errno.EINTR) {
                throw failure("receiving the echo reply from " + target.getHostAddress(), -n);
            }
            // checked after every packet too: a flood of replies that are not ours cannot hold the probe
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new ProbeFailedException("no echo reply within " + Probes.format(timeout));
            }
            if (n < 0) {
                Thread.sleep(Duration.ofNanos(Math.min(left, pause)));
                pause = Math.min(LONGEST_PAUSE_NANOS, pause * 2);
            }
        }
    }

    private static boolean matches(EchoPacket request, ByteBuffer in, int n, ByteBuffer from, InetAddress target,
                                   SocketKind kind, boolean v6) {
        if (!InetSockaddr.names(from, target)) {
            return false;
        }
        int offset = 0;
        if (kind == SocketKind.RAW && !v6) {
            // raw(7) IPv4 sockets receive the IP header too: skip its IHL words
            if (n < 20 || (in.get(0) & 0xf0) != 0x40) {
                return false;
            }
            offset = (in.get(0) & 0x0f) * 4;
        }
        if (n - offset < EchoPacket.HEADER) {
            return false;
        }
        return request.isReply(in.position(offset), n - offset, kind == SocketKind.RAW);
    }

    /** Keeps a raw socket's queue for echo replies (ICMP_FILTER, ICMP6_FILTER: a set bit drops that type). */
    private static void onlyEchoReplies(Syscalls sys, int fd, boolean v6) throws ProbeFailedException {
        int rc;
        if (v6) {
            ByteBuffer filter = ByteBuffer.allocateDirect(32).order(ByteOrder.nativeOrder());
            for (int word = 0; word < 8; word++) {
                filter.putInt(word * 4, -1);
            }
            int reply = EchoPacket.ECHO_REPLY_V6;
            filter.putInt((reply >> 5) * 4, ~(1 << (reply & 31)));
            rc = sys.setsockopt(fd, IPPROTO_ICMPV6, ICMP6_FILTER, filter, 32);
        } else {
            rc = sys.setsockopt(fd, SOL_RAW, ICMP_FILTER, ~(1 << EchoPacket.ECHO_REPLY_V4));
        }
        if (rc < 0) {
            throw failure("setting the ICMP filter", -rc);
        }
    }

    private static ProbeFailedException failure(String what, int errno) {
        return new ProbeFailedException(what + ": " + Errno.describe(errno) + " (" + Errno.name(errno) + ")");
    }
}
