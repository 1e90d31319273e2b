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

import org.junit.jupiter.api.Test;

/** setsockopt(2) and getsockopt(2) with int and raw values. */
class SocketOptionSyscallsTest {
    private final Syscalls sys = Syscalls.jnr();

    @Test
    void soRcvbufReadsBackDoubledAsTheKernelReservesBookkeepingSpace() {
        try (OpenFd fd = TestSockets.netlink(NETLINK_ROUTE)) {
            // net/core/sock.c __sock_set_rcvbuf: sk_rcvbuf = max(min(val, rmem_max) * 2, SOCK_MIN_RCVBUF)
            assertSucceeds(sys.setsockopt(fd.value(), SOL_SOCKET, SO_RCVBUF, 32 * 1024));
            assertEquals(64 * 1024, sys.getsockoptInt(fd.value(), SOL_SOCKET, SO_RCVBUF));
        }
    }

    @Test
    void netlinkExtAckCanBeSwitchedOn() {
        try (OpenFd fd = TestSockets.netlink(NETLINK_ROUTE)) {
            assertSucceeds(sys.setsockopt(fd.value(), SOL_NETLINK, NETLINK_EXT_ACK, 1));
            assertEquals(1, sys.getsockoptInt(fd.value(), SOL_NETLINK, NETLINK_EXT_ACK));
        }
    }

    @Test
    void netlinkExtAckIsOffOnAFreshSocket() {
        try (OpenFd fd = TestSockets.netlink(NETLINK_ROUTE)) {
            assertEquals(0, sys.getsockoptInt(fd.value(), SOL_NETLINK, NETLINK_EXT_ACK));
        }
    }

    @Test
    void getsockoptOfAnUnknownNetlinkOptionFailsWithENOPROTOOPT() {
        try (OpenFd fd = TestSockets.netlink(NETLINK_ROUTE)) {
            assertFailsWith(Errno.ENOPROTOOPT, sys.getsockoptInt(fd.value(), SOL_NETLINK, 9999));
        }
    }

    @Test
    void setsockoptOnMinusOneFailsWithEBADF() {
        assertFailsWith(Errno.EBADF, sys.setsockopt(-1, SOL_SOCKET, SO_RCVBUF, 4096));
    }

    @Test
    void rawReceiveTimeoutMakesAnIdleRecvGiveUpWithEAGAIN() {
        try (OpenFd fd = TestSockets.netlink(NETLINK_ROUTE)) {
            ByteBuffer timeout = TestSockets.timeval(0, 50_000);
            assertSucceeds(sys.setsockopt(fd.value(), SOL_SOCKET, SO_RCVTIMEO, timeout, timeout.remaining()));

            long start = System.nanoTime();
            assertFailsWith(Errno.EAGAIN, sys.recv(fd.value(), NetlinkMessages.direct(64), 64, 0));
            assertTrue(System.nanoTime() - start >= 40_000_000L, "recv returned before the 50 ms timeout");
        }
    }

    @Test
    void rawValueShorterThanTheOptionNeedsFailsWithEINVAL() {
        try (OpenFd fd = TestSockets.netlink(NETLINK_ROUTE)) {
            // net/core/sock.c sock_set_timeout: optlen < sizeof(struct timeval)
            ByteBuffer tooShort = NetlinkMessages.direct(4);
            assertFailsWith(Errno.EINVAL, sys.setsockopt(fd.value(), SOL_SOCKET, SO_RCVTIMEO, tooShort, 4));
        }
    }
}
