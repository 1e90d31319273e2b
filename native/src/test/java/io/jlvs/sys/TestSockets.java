package io.jlvs.sys;

import static io.jlvs.sys.LinuxConstants.AF_NETLINK;
import static io.jlvs.sys.LinuxConstants.SOCK_CLOEXEC;
import static io.jlvs.sys.LinuxConstants.SOCK_RAW;
import static io.jlvs.sys.LinuxConstants.SOL_SOCKET;
import static io.jlvs.sys.LinuxConstants.SO_RCVTIMEO;
import static io.jlvs.sys.SyscallAssertions.assertSucceeds;

import java.nio.ByteBuffer;

/** Netlink sockets as the tests need them: opened, bound to a kernel-chosen port, never blocking forever. */
final class TestSockets {
    private TestSockets() {}

    static OpenFd netlink(Syscalls sys, int protocol) {
        return OpenFd.of(sys, "socket", sys.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol));
    }

    /** Opened, bound with port id 0 (the kernel picks one), and with a receive timeout so a lost reply fails the test. */
    static OpenFd boundNetlink(Syscalls sys, int protocol) {
        OpenFd fd = netlink(sys, protocol);
        assertSucceeds(sys.bind(fd.value(), NetlinkMessages.sockaddrNl(0), NetlinkMessages.SOCKADDR_NL_SIZE));
        ByteBuffer timeout = timeval(5, 0);
        assertSucceeds(sys.setsockopt(fd.value(), SOL_SOCKET, SO_RCVTIMEO, timeout, timeout.remaining()));
        return fd;
    }

    /** struct timeval on 64-bit Linux: tv_sec and tv_usec, both 64-bit ({@code <bits/types/struct_timeval.h>}). */
    static ByteBuffer timeval(long seconds, long micros) {
        return NetlinkMessages.direct(16).putLong(0, seconds).putLong(8, micros);
    }
}
