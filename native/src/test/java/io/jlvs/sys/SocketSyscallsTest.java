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

import org.junit.jupiter.api.Test;

/** socket(2), bind(2), getsockname(2) and close(2) against this host's kernel. */
class SocketSyscallsTest {
    private final Syscalls sys = Syscalls.jnr();

    @Test
    void routeNetlinkSocketOpensAsAFileDescriptor() {
        int fd = sys.socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
        try {
            assertTrue(fd >= 0, () -> "socket returned " + SyscallAssertions.describeResult(fd));
        } finally {
            sys.close(fd);
        }
    }

    @Test
    void genericNetlinkSocketOpensAsAFileDescriptor() {
        int fd = sys.socket(AF_NETLINK, SOCK_RAW, NETLINK_GENERIC);
        try {
            assertTrue(fd >= 0, () -> "socket returned " + SyscallAssertions.describeResult(fd));
        } finally {
            sys.close(fd);
        }
    }

    @Test
    void socketWithUnknownNetlinkProtocolFailsWithEPROTONOSUPPORT() {
        // net/netlink/af_netlink.c netlink_create: protocol >= MAX_LINKS (32)
        assertFailsWith(Errno.EPROTONOSUPPORT, sys.socket(AF_NETLINK, SOCK_RAW, 9999));
    }

    @Test
    void socketWithUnknownAddressFamilyFailsWithEAFNOSUPPORT() {
        // net/socket.c __sock_create: family >= NPROTO
        assertFailsWith(Errno.EAFNOSUPPORT, sys.socket(255, SOCK_RAW, 0));
    }

    @Test
    void bindWithPortIdZeroLetsTheKernelAssignOne() {
        try (OpenFd fd = TestSockets.netlink(NETLINK_GENERIC)) {
            assertSucceeds(sys.bind(fd.value(), NetlinkMessages.sockaddrNl(0), SOCKADDR_NL_SIZE));

            ByteBuffer name = NetlinkMessages.direct(SOCKADDR_NL_SIZE);
            assertEquals(SOCKADDR_NL_SIZE, sys.getsockname(fd.value(), name));
            assertNotEquals(0, name.getInt(4), "nl_pid");
        }
    }

    @Test
    void getsocknameReportsTheNetlinkFamily() {
        try (OpenFd fd = TestSockets.boundNetlink(NETLINK_ROUTE)) {
            ByteBuffer name = NetlinkMessages.direct(SOCKADDR_NL_SIZE);
            sys.getsockname(fd.value(), name);
            assertEquals(AF_NETLINK, name.getShort(0));
        }
    }

    @Test
    void bindingASocketTwiceToAnotherPortFailsWithEINVAL() {
        try (OpenFd fd = TestSockets.boundNetlink(NETLINK_ROUTE)) {
            // af_netlink.c netlink_bind: a bound socket may only be "rebound" to the port it has
            assertFailsWith(Errno.EINVAL, sys.bind(fd.value(), NetlinkMessages.sockaddrNl(0x7fff_fff0), SOCKADDR_NL_SIZE));
        }
    }

    @Test
    void getsocknameOnAFileThatIsNotASocketFailsWithENOTSOCK() {
        try (OpenFd file = OpenFd.of("open", sys.open("/proc/self/ns/net", LinuxConstants.O_RDONLY))) {
            assertFailsWith(Errno.ENOTSOCK, sys.getsockname(file.value(), NetlinkMessages.direct(SOCKADDR_NL_SIZE)));
        }
    }

    @Test
    void closeOfAnOpenSocketSucceeds() {
        assertSucceeds(sys.close(TestSockets.netlink(NETLINK_ROUTE).value()));
    }

    @Test
    void closeOfMinusOneFailsWithEBADF() {
        assertFailsWith(Errno.EBADF, sys.close(-1));
    }
}
