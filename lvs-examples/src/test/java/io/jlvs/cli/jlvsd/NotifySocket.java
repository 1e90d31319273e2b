package io.jlvs.cli.jlvsd;

import static io.jlvs.sys.LinuxConstants.AF_UNIX;
import static io.jlvs.sys.LinuxConstants.SOCK_CLOEXEC;
import static io.jlvs.sys.LinuxConstants.SOCK_DGRAM;
import static io.jlvs.sys.LinuxConstants.SOL_SOCKET;
import static io.jlvs.sys.LinuxConstants.SO_RCVTIMEO;

import io.jlvs.sys.Errno;
import io.jlvs.sys.Syscalls;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The socket systemd listens on for sd_notify messages ($NOTIFY_SOCKET): an AF_UNIX datagram socket
 * bound to a path or an abstract @name, receiving with a one-second timeout so every wait is bounded.
 */
final class NotifySocket implements AutoCloseable {
    private final Syscalls sys = Syscalls.system();
    private final int fd;
    /** Every message received so far, for failure messages. */
    final List<String> received = new ArrayList<>();

    NotifySocket(String name) {
        fd = sys.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new AssertionError("socket(AF_UNIX): " + Errno.describe(-fd));
        }
        byte[] path = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer sa = ByteBuffer.allocateDirect(110).order(ByteOrder.nativeOrder());
        sa.putShort(0, (short) AF_UNIX).put(2, path);
        boolean abstractName = name.startsWith("@");
        if (abstractName) {
            sa.put(2, (byte) 0);
        }
        int rc = sys.bind(fd, sa, 2 + path.length + (abstractName ? 0 : 1));
        if (rc < 0) {
            sys.close(fd);
            throw new AssertionError("bind " + name + ": " + Errno.describe(-rc));
        }
        ByteBuffer tv = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder()).putLong(0, 1).putLong(8, 0);
        sys.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, tv, 16);
    }

    /** The next message, or null when none came within a second. */
    String receive() {
        ByteBuffer buf = ByteBuffer.allocateDirect(4096);
        int n = sys.recv(fd, buf, 4096, 0);
        if (n < 0) {
            return null;
        }
        byte[] bytes = new byte[n];
        buf.get(0, bytes);
        String message = new String(bytes, StandardCharsets.UTF_8);
        received.add(message);
        return message;
    }

    /** Waits at most {@code within} for a message {@code wanted} accepts and returns it. */
    String await(String what, Duration within, Predicate<String> wanted) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            String m = receive();
            if (m != null && wanted.test(m)) {
                return m;
            }
        }
        throw new AssertionError("no " + what + " within " + within + "; received " + received);
    }

    @Override
    public void close() {
        sys.close(fd);
    }
}
