package io.jlvs.bench;

import static io.jlvs.sys.LinuxConstants.AF_NETLINK;
import static io.jlvs.sys.LinuxConstants.SOCK_CLOEXEC;
import static io.jlvs.sys.LinuxConstants.SOCK_RAW;
import static io.jlvs.sys.LinuxConstants.SOL_SOCKET;
import static io.jlvs.sys.LinuxConstants.SO_RCVTIMEO;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.jlvs.sys.Errno;
import io.jlvs.sys.ErrnoException;
import io.jlvs.sys.Syscalls;

/**
 * A netlink socket made with bare {@link Syscalls} calls, so that a benchmark measures the calls and
 * nothing of lvs-core's socket class. Bound to a kernel-chosen port, with a receive timeout so that a
 * lost reply fails the run instead of hanging it.
 */
public record RawNetlinkSocket(Syscalls sys, int fd) implements AutoCloseable {
    private static final int SOCKADDR_NL_SIZE = 12; // struct sockaddr_nl: family u16, pad u16, pid u32, groups u32

    public static RawNetlinkSocket open(Syscalls sys, int protocol) throws ErrnoException {
        int fd = Errno.check("socket", sys.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol));
        try {
            ByteBuffer addr = direct(SOCKADDR_NL_SIZE).putShort(0, (short) AF_NETLINK);
            Errno.check("bind", sys.bind(fd, addr, SOCKADDR_NL_SIZE));
            ByteBuffer timeval = direct(16).putLong(0, 5).putLong(8, 0); // 5 s; <bits/types/struct_timeval.h>
            Errno.check("setsockopt", sys.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, timeval, 16));
            return new RawNetlinkSocket(sys, fd);
        } catch (ErrnoException | RuntimeException e) {
            sys.close(fd);
            throw e;
        }
    }

    public static ByteBuffer direct(int capacity) {
        return ByteBuffer.allocateDirect(capacity).order(ByteOrder.nativeOrder());
    }

    @Override
    public void close() {
        sys.close(fd);
    }
}
