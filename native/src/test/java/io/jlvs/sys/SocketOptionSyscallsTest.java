package io.jlvs.sys;

import static io.jlvs.sys.LinuxConstants.NETLINK_EXT_ACK;
import static io.jlvs.sys.LinuxConstants.NETLINK_ROUTE;
import static io.jlvs.sys.LinuxConstants.SOL_NETLINK;
import static io.jlvs.sys.LinuxConstants.SOL_SOCKET;
import static io.jlvs.sys.LinuxConstants.SO_RCVBUF;
import static io.jlvs.sys.LinuxConstants.SO_RCVTIMEO;
import static io.jlvs.sys.SyscallAssertions.assertFailsWith;
import static io.jlvs.sys.SyscallAssertions.assertSucceeds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

/** setsockopt(2) and getsockopt(2) with int and raw values. */
class SocketOptionSyscallsTest {

    @ForEachBackend
    void soRcvbufReadsBackDoubledAsTheKernelReservesBookkeepingSpace(Syscalls sys) {
        try (OpenFd fd = TestSockets.netlink(sys, NETLINK_ROUTE)) {
            // net/core/sock.c __sock_set_rcvbuf: sk_rcvbuf = max(min(val, rmem_max) * 2, SOCK_MIN_RCVBUF)
            assertSucceeds(sys.setsockopt(fd.value(), SOL_SOCKET, SO_RCVBUF, 32 * 1024));
            assertEquals(64 * 1024, sys.getsockoptInt(fd.value(), SOL_SOCKET, SO_RCVBUF));
        }
    }

    @ForEachBackend
    void netlinkExtAckCanBeSwitchedOn(Syscalls sys) {
        try (OpenFd fd = TestSockets.netlink(sys, NETLINK_ROUTE)) {
            assertSucceeds(sys.setsockopt(fd.value(), SOL_NETLINK, NETLINK_EXT_ACK, 1));
            assertEquals(1, sys.getsockoptInt(fd.value(), SOL_NETLINK, NETLINK_EXT_ACK));
        }
    }

    @ForEachBackend
    void netlinkExtAckIsOffOnAFreshSocket(Syscalls sys) {
        try (OpenFd fd = TestSockets.netlink(sys, NETLINK_ROUTE)) {
            assertEquals(0, sys.getsockoptInt(fd.value(), SOL_NETLINK, NETLINK_EXT_ACK));
        }
    }

    @ForEachBackend
    void getsockoptOfAnUnknownNetlinkOptionFailsWithENOPROTOOPT(Syscalls sys) {
        try (OpenFd fd = TestSockets.netlink(sys, NETLINK_ROUTE)) {
            assertFailsWith(Errno.ENOPROTOOPT, sys.getsockoptInt(fd.value(), SOL_NETLINK, 9999));
        }
    }

    @ForEachBackend
    void setsockoptOnMinusOneFailsWithEBADF(Syscalls sys) {
        assertFailsWith(Errno.EBADF, sys.setsockopt(-1, SOL_SOCKET, SO_RCVBUF, 4096));
    }

    @ForEachBackend
    void rawReceiveTimeoutMakesAnIdleRecvGiveUpWithEAGAIN(Syscalls sys) {
        try (OpenFd fd = TestSockets.netlink(sys, NETLINK_ROUTE)) {
            ByteBuffer timeout = TestSockets.timeval(0, 50_000);
            assertSucceeds(sys.setsockopt(fd.value(), SOL_SOCKET, SO_RCVTIMEO, timeout, timeout.remaining()));

            long start = System.nanoTime();
            assertFailsWith(Errno.EAGAIN, sys.recv(fd.value(), NetlinkMessages.direct(64), 64, 0));
            assertTrue(System.nanoTime() - start >= 40_000_000L, "recv returned before the 50 ms timeout");
        }
    }

    @ForEachBackend
    void rawValueShorterThanTheOptionNeedsFailsWithEINVAL(Syscalls sys) {
        try (OpenFd fd = TestSockets.netlink(sys, NETLINK_ROUTE)) {
            // net/core/sock.c sock_set_timeout: optlen < sizeof(struct timeval)
            ByteBuffer tooShort = NetlinkMessages.direct(4);
            assertFailsWith(Errno.EINVAL, sys.setsockopt(fd.value(), SOL_SOCKET, SO_RCVTIMEO, tooShort, 4));
        }
    }
}
