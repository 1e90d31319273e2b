package io.jlvs.sys;

import static io.jlvs.sys.LinuxConstants.AF_NETLINK;
import static io.jlvs.sys.LinuxConstants.NETLINK_GENERIC;
import static io.jlvs.sys.LinuxConstants.NETLINK_ROUTE;
import static io.jlvs.sys.LinuxConstants.SOCK_RAW;
import static io.jlvs.sys.NetlinkMessages.SOCKADDR_NL_SIZE;
import static io.jlvs.sys.SyscallAssertions.assertFailsWith;
import static io.jlvs.sys.SyscallAssertions.assertSucceeds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

/** socket(2), bind(2), getsockname(2) and close(2) against this host's kernel. */
class SocketSyscallsTest {

    @ForEachBackend
    void routeNetlinkSocketOpensAsAFileDescriptor(Syscalls sys) {
        int fd = sys.socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
        try {
            assertTrue(fd >= 0, () -> "socket returned " + SyscallAssertions.describeResult(fd));
        } finally {
            sys.close(fd);
        }
    }

    @ForEachBackend
    void genericNetlinkSocketOpensAsAFileDescriptor(Syscalls sys) {
        int fd = sys.socket(AF_NETLINK, SOCK_RAW, NETLINK_GENERIC);
        try {
            assertTrue(fd >= 0, () -> "socket returned " + SyscallAssertions.describeResult(fd));
        } finally {
            sys.close(fd);
        }
    }

    @ForEachBackend
    void socketWithUnknownNetlinkProtocolFailsWithEPROTONOSUPPORT(Syscalls sys) {
        // net/netlink/af_netlink.c netlink_create: protocol >= MAX_LINKS (32)
        assertFailsWith(Errno.EPROTONOSUPPORT, sys.socket(AF_NETLINK, SOCK_RAW, 9999));
    }

    @ForEachBackend
    void socketWithUnknownAddressFamilyFailsWithEAFNOSUPPORT(Syscalls sys) {
        // net/socket.c __sock_create: family >= NPROTO
        assertFailsWith(Errno.EAFNOSUPPORT, sys.socket(255, SOCK_RAW, 0));
    }

    @ForEachBackend
    void bindWithPortIdZeroLetsTheKernelAssignOne(Syscalls sys) {
        try (OpenFd fd = TestSockets.netlink(sys, NETLINK_GENERIC)) {
            assertSucceeds(sys.bind(fd.value(), NetlinkMessages.sockaddrNl(0), SOCKADDR_NL_SIZE));

            ByteBuffer name = NetlinkMessages.direct(SOCKADDR_NL_SIZE);
            assertEquals(SOCKADDR_NL_SIZE, sys.getsockname(fd.value(), name));
            assertNotEquals(0, name.getInt(4), "nl_pid");
        }
    }

    @ForEachBackend
    void getsocknameReportsTheNetlinkFamily(Syscalls sys) {
        try (OpenFd fd = TestSockets.boundNetlink(sys, NETLINK_ROUTE)) {
            ByteBuffer name = NetlinkMessages.direct(SOCKADDR_NL_SIZE);
            sys.getsockname(fd.value(), name);
            assertEquals(AF_NETLINK, name.getShort(0));
        }
    }

    @ForEachBackend
    void bindingASocketTwiceToAnotherPortFailsWithEINVAL(Syscalls sys) {
        try (OpenFd fd = TestSockets.boundNetlink(sys, NETLINK_ROUTE)) {
            // af_netlink.c netlink_bind: a bound socket may only be "rebound" to the port it has
            assertFailsWith(Errno.EINVAL, sys.bind(fd.value(), NetlinkMessages.sockaddrNl(0x7fff_fff0), SOCKADDR_NL_SIZE));
        }
    }

    @ForEachBackend
    void getsocknameOnAFileThatIsNotASocketFailsWithENOTSOCK(Syscalls sys) {
        try (OpenFd file = OpenFd.of(sys, "open", sys.open("/proc/self/ns/net", LinuxConstants.O_RDONLY))) {
            assertFailsWith(Errno.ENOTSOCK, sys.getsockname(file.value(), NetlinkMessages.direct(SOCKADDR_NL_SIZE)));
        }
    }

    @ForEachBackend
    void closeOfAnOpenSocketSucceeds(Syscalls sys) {
        assertSucceeds(sys.close(TestSockets.netlink(sys, NETLINK_ROUTE).value()));
    }

    @ForEachBackend
    void closeOfMinusOneFailsWithEBADF(Syscalls sys) {
        assertFailsWith(Errno.EBADF, sys.close(-1));
    }
}
