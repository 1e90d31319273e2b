package io.jlvs.failover.internal.net;

import static io.jlvs.sys.LinuxConstants.AF_PACKET;
import static io.jlvs.sys.LinuxConstants.SOCK_CLOEXEC;
import static io.jlvs.sys.LinuxConstants.SOCK_RAW;
import static io.jlvs.sys.LinuxConstants.SOL_SOCKET;
import static io.jlvs.sys.LinuxConstants.SO_RCVTIMEO;

import io.jlvs.netlink.NetworkNamespace;
import io.jlvs.netlink.route.MacAddress;
import io.jlvs.sys.Errno;
import io.jlvs.sys.Syscalls;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

/**
 * An AF_PACKET SOCK_RAW socket (packet(7)) bound to one interface: whole Ethernet frames out, and in
 * for one EtherType. Created inside its network namespace (a socket stays in the namespace it was made
 * in), so later calls may come from any thread. Receiving is bounded by SO_RCVTIMEO.
 */
public final class PacketSocket implements AutoCloseable {
    private final Syscalls sys;
    private final int fd;
    private final int ifindex;
    private final String interfaceName;
    private final ByteBuffer tx = ByteBuffer.allocateDirect(1600);
    private final ByteBuffer rx = ByteBuffer.allocateDirect(2048);
    private boolean closed;

    private PacketSocket(Syscalls sys, int fd, int ifindex, String interfaceName) {
        this.sys = sys;
        this.fd = fd;
        this.ifindex = ifindex;
        this.interfaceName = interfaceName;
    }

    /**
     * Opens a socket on interface {@code ifindex} of {@code namespace}. With {@code etherType} 0 the
     * socket receives nothing (a send-only socket never fills its receive queue); otherwise it receives
     * frames of that EtherType arriving at (and sent from) the interface.
     */
    public static PacketSocket open(Syscalls sys, NetworkNamespace namespace, String interfaceName, int ifindex,
                                    int etherType, Duration receiveTimeout) throws IOException {
        // Protocol 0 first: a socket made with the EtherType receives it from every interface at once,
        // and the frames queued before bind(2) narrows it to ours (another interface's ARP, say) would
        // be read as if they came from ours. bind(2) with the EtherType then starts reception, on
        // this interface only (packet(7)).
        int fd = namespace.call(sys, () -> sys.socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0));
        if (fd < 0) {
            throw failure("socket(AF_PACKET, SOCK_RAW) for " + interfaceName, -fd);
        }
        try {
            ByteBuffer tv = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
            // struct timeval {long tv_sec; long tv_usec;}; at least 1 µs, since 0 would mean "block forever".
            long micros = Math.max(1, receiveTimeout.toNanos() / 1000);
            tv.putLong(0, micros / 1_000_000).putLong(8, micros % 1_000_000);
            check(sys.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, tv, 16), "setsockopt(SO_RCVTIMEO) on " + interfaceName);
            check(sys.bind(fd, LinkLayerAddress.forBind(etherType, ifindex), LinkLayerAddress.SIZE),
                    "bind(AF_PACKET) to " + interfaceName);
            return new PacketSocket(sys, fd, ifindex, interfaceName);
        } catch (IOException | RuntimeException e) {
            sys.close(fd);
            throw e;
        }
    }

    /** Sends one whole Ethernet frame (header included) to {@code destination}. */
    public synchronized void send(byte[] frame, MacAddress destination) throws IOException {
        ensureOpen();
        int etherType = ((frame[12] & 0xff) << 8) | (frame[13] & 0xff);
        tx.clear().put(frame).flip();
        int n = sys.sendto(fd, tx, frame.length, 0, LinkLayerAddress.forSend(etherType, ifindex, destination),
                LinkLayerAddress.SIZE);
        if (n < 0) {
            throw failure("sendto(AF_PACKET) on " + interfaceName, -n);
        }
        if (n != frame.length) {
            throw new IOException("sendto(AF_PACKET) on " + interfaceName + " sent " + n + " of " + frame.length + " bytes");
        }
    }

    /**
     * Receives one frame into {@code into} (copied from position 0) and returns its length, or -1 when
     * none came within the receive timeout.
     */
    public synchronized int receive(byte[] into) throws IOException {
        ensureOpen();
        int n = sys.recv(fd, rx.clear(), rx.capacity(), 0);
        if (n == -Errno.EAGAIN || n == -Errno.EINTR) {
            return -1;
        }
        if (n < 0) {
            throw failure("recv(AF_PACKET) on " + interfaceName, -n);
        }
        int length = Math.min(n, Math.min(into.length, rx.capacity()));
        rx.get(0, into, 0, length);
        return length;
    }

    public String interfaceName() {
        return interfaceName;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            sys.close(fd);
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("packet socket on " + interfaceName + " is closed");
        }
    }

    private static void check(int rc, String op) throws IOException {
        if (rc < 0) {
            throw failure(op, -rc);
        }
    }

    private static IOException failure(String op, int errno) {
        String hint = errno == Errno.EPERM || errno == Errno.EACCES ? "; raw packet sockets need CAP_NET_RAW (run as root)" : "";
        return new IOException(op + ": " + Errno.describe(errno) + " (" + Errno.name(errno) + ")" + hint);
    }
}
