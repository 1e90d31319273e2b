package io.jlvs.cli.jlvsd;

import static io.jlvs.sys.LinuxConstants.AF_UNIX;
import static io.jlvs.sys.LinuxConstants.MSG_DONTWAIT;
import static io.jlvs.sys.LinuxConstants.SOCK_CLOEXEC;
import static io.jlvs.sys.LinuxConstants.SOCK_DGRAM;

import io.jlvs.sys.Errno;
import io.jlvs.sys.Syscalls;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * systemd's notification protocol (sd_notify(3)) without libsystemd: one datagram of
 * {@code KEY=VALUE} lines to the AF_UNIX socket named by {@code $NOTIFY_SOCKET} (a path, or an abstract
 * name written with a leading {@code @}), sent through the syscall layer since the JDK has no UNIX
 * datagram channel. jlvsd sends {@code READY=1} after its first reconcile, {@code RELOADING=1} /
 * {@code READY=1} around a reload, {@code STOPPING=1}, {@code STATUS=} lines, and {@code WATCHDOG=1}
 * while the director's loop answers ({@link #watchdogInterval}).
 *
 * <p>Best effort, as sd_notify is: a send that fails is logged once and never stops the director.
 */
final class SystemdNotifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SystemdNotifier.class);
    /** {@code sizeof(struct sockaddr_un)}: a 2-byte family and 108 bytes of path. */
    static final int SUN_PATH = 108;

    private final Syscalls sys;
    private final ByteBuffer address;
    private final int addressLength;
    private final String socketName;
    private int fd = -1;
    private boolean failureLogged;

    private SystemdNotifier(Syscalls sys, String socketName) {
        this.sys = sys;
        this.socketName = socketName;
        boolean abstractName = socketName.startsWith("@");
        byte[] path = socketName.getBytes(StandardCharsets.UTF_8);
        // A path needs room for its NUL; an abstract name is exactly its bytes, the '@' becoming a NUL.
        if (path.length > (abstractName ? SUN_PATH : SUN_PATH - 1)) {
            throw new IllegalArgumentException("NOTIFY_SOCKET '" + socketName + "' is longer than a UNIX socket address");
        }
        address = ByteBuffer.allocateDirect(2 + SUN_PATH).order(ByteOrder.nativeOrder());
        address.putShort(0, (short) AF_UNIX);
        address.put(2, path);
        if (abstractName) {
            address.put(2, (byte) 0);
        }
        addressLength = 2 + path.length + (abstractName ? 0 : 1);
    }

    /**
     * The notifier {@code env} asks for: empty without {@code NOTIFY_SOCKET} (not started by systemd
     * with Type=notify). A value that is neither an absolute path nor {@code @name} is refused.
     */
    static Optional<SystemdNotifier> fromEnvironment(Map<String, String> env, Syscalls sys) {
        String socket = env.get("NOTIFY_SOCKET");
        if (socket == null || socket.isEmpty()) {
            return Optional.empty();
        }
        if (!socket.startsWith("/") && !socket.startsWith("@")) {
            throw new IllegalArgumentException("NOTIFY_SOCKET '" + socket + "' is neither an absolute path nor @name");
        }
        return Optional.of(new SystemdNotifier(sys, socket));
    }

    /**
     * How often to send WATCHDOG=1: half of {@code WATCHDOG_USEC}, as sd_watchdog_enabled(3) advises;
     * empty when the watchdog is off or meant for another process ({@code WATCHDOG_PID}).
     */
    static Optional<Duration> watchdogInterval(Map<String, String> env, long pid) {
        String usec = env.get("WATCHDOG_USEC");
        if (usec == null || usec.isBlank()) {
            return Optional.empty();
        }
        String forPid = env.get("WATCHDOG_PID");
        if (forPid != null && !forPid.isBlank() && !forPid.strip().equals(Long.toString(pid))) {
            return Optional.empty();
        }
        long micros;
        try {
            micros = Long.parseLong(usec.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("WATCHDOG_USEC '" + usec + "' is not a number of microseconds");
        }
        if (micros <= 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(micros * 1000 / 2));
    }

    /** Sends one notification ("READY=1", "STATUS=...", several joined by newlines); true when it went out. */
    synchronized boolean send(String state) {
        if (fd < 0) {
            fd = sys.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            if (fd < 0) {
                logOnce("socket(AF_UNIX)", -fd);
                return false;
            }
        }
        byte[] bytes = state.getBytes(StandardCharsets.UTF_8);
        ByteBuffer message = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        int sent = sys.sendto(fd, message, bytes.length, MSG_DONTWAIT, address, addressLength);
        if (sent < 0) {
            logOnce("sendto " + socketName, -sent);
            return false;
        }
        return true;
    }

    private void logOnce(String what, int errno) {
        if (!failureLogged) {
            failureLogged = true;
            LOG.warn("event=systemd_notify result=failed op=\"{}\" error=\"{} ({})\"", what, Errno.describe(errno),
                    Errno.name(errno));
        }
    }

    @Override
    public synchronized void close() {
        if (fd >= 0) {
            sys.close(fd);
            fd = -1;
        }
    }
}
