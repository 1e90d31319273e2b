package io.jlvs.sys;

import static io.jlvs.sys.LinuxConstants.NETLINK_GENERIC;
import static io.jlvs.sys.LinuxConstants.NETLINK_ROUTE;
import static io.jlvs.sys.NetlinkMessages.GENL_ID_CTRL;
import static io.jlvs.sys.NetlinkMessages.SOCKADDR_NL_SIZE;
import static io.jlvs.sys.SyscallAssertions.assertSucceeds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The buffer contract of {@link Syscalls}: direct buffers only, bytes taken from the position, and
 * position and limit left alone; lengths that would let the kernel run past the limit are refused.
 */
class BufferArgumentTest {

    @ForEachBackend
    void bindReadsTheAddressFromTheBufferPosition(Syscalls sys) {
        try (OpenFd fd = TestSockets.netlink(sys, NETLINK_ROUTE)) {
            ByteBuffer addr = NetlinkMessages.direct(8 + SOCKADDR_NL_SIZE);
            addr.putLong(0, -1L); // garbage where an implementation ignoring the position would read the family
            addr.position(8);
            NetlinkMessages.putSockaddrNl(addr, 0, 0);

            assertSucceeds(sys.bind(fd.value(), addr, SOCKADDR_NL_SIZE));
        }
    }

    @ForEachBackend
    void recvWritesAtTheBufferPositionAndLeavesTheBytesBeforeIt(Syscalls sys) {
        try (OpenFd fd = TestSockets.boundNetlink(sys, NETLINK_GENERIC)) {
            ByteBuffer request = NetlinkMessages.getFamilyRequest("nlctrl", 1);
            sys.sendto(fd.value(), request, request.remaining(), 0, null, 0);
            ByteBuffer reply = NetlinkMessages.direct(8192);
            reply.putLong(0, 0x5a5a5a5a5a5a5a5aL).position(8);

            int length = sys.recv(fd.value(), reply, reply.remaining(), 0);

            assertEquals(0x5a5a5a5a5a5a5a5aL, reply.getLong(0));
            assertEquals(length, NetlinkMessages.messageLength(reply, 8));
            assertEquals(GENL_ID_CTRL, NetlinkMessages.messageType(reply, 8));
        }
    }

    @ForEachBackend
    void getsocknameWritesAtTheBufferPosition(Syscalls sys) {
        try (OpenFd fd = TestSockets.boundNetlink(sys, NETLINK_ROUTE)) {
            ByteBuffer name = NetlinkMessages.direct(4 + SOCKADDR_NL_SIZE).position(4);

            sys.getsockname(fd.value(), name);

            assertEquals(0, name.getInt(0));
            assertNotEquals(0, name.getInt(4 + 4), "nl_pid");
        }
    }

    @ForEachBackend
    void sendAndReceiveLeavePositionAndLimitUnchanged(Syscalls sys) {
        try (OpenFd fd = TestSockets.boundNetlink(sys, NETLINK_GENERIC)) {
            ByteBuffer request = NetlinkMessages.getFamilyRequest("nlctrl", 2);
            ByteBuffer reply = NetlinkMessages.direct(8192).position(16).limit(4096);

            sys.sendto(fd.value(), request, request.remaining(), 0, null, 0);
            sys.recv(fd.value(), reply, reply.remaining(), 0);

            assertEquals(0, request.position());
            assertEquals(request.capacity(), request.limit());
            assertEquals(16, reply.position());
            assertEquals(4096, reply.limit());
        }
    }

    @ForEachBackend
    void heapBufferIsRefusedForSending(Syscalls sys) {
        ByteBuffer heap = ByteBuffer.allocate(32).order(ByteOrder.nativeOrder());
        assertThrows(IllegalArgumentException.class, () -> sys.sendto(-1, heap, 32, 0, null, 0));
    }

    @ForEachBackend
    void heapBufferIsRefusedForReceiving(Syscalls sys) {
        ByteBuffer heap = ByteBuffer.allocate(32);
        assertThrows(IllegalArgumentException.class, () -> sys.recv(-1, heap, 32, 0));
    }

    @ForEachBackend
    void heapAddressIsRefusedForBind(Syscalls sys) {
        ByteBuffer heap = ByteBuffer.allocate(SOCKADDR_NL_SIZE);
        assertThrows(IllegalArgumentException.class, () -> sys.bind(-1, heap, SOCKADDR_NL_SIZE));
    }

    @ForEachBackend
    void lengthBeyondTheLimitIsRefusedBeforeTheKernelCanOverrunTheBuffer(Syscalls sys) {
        ByteBuffer buf = NetlinkMessages.direct(64).position(32);
        assertThrows(IllegalArgumentException.class, () -> sys.recv(-1, buf, 33, 0));
    }

    @ForEachBackend
    void negativeLengthIsRefused(Syscalls sys) {
        ByteBuffer buf = NetlinkMessages.direct(64);
        assertThrows(IllegalArgumentException.class, () -> sys.sendto(-1, buf, -1, 0, null, 0));
    }

    @ForEachBackend
    void readOnlyBufferIsRefusedForReceiving(Syscalls sys) {
        ByteBuffer readOnly = NetlinkMessages.direct(64).asReadOnlyBuffer();
        assertThrows(IllegalArgumentException.class, () -> sys.recv(-1, readOnly, 64, 0));
    }

    @ForEachBackend
    void readOnlyBufferIsAcceptedForSending(Syscalls sys) {
        ByteBuffer readOnly = NetlinkMessages.getFamilyRequest("nlctrl", 3).asReadOnlyBuffer();
        // Reaches the kernel, which rejects the descriptor rather than Java rejecting the buffer.
        assertEquals(-Errno.EBADF, sys.sendto(-1, readOnly, readOnly.remaining(), 0, null, 0));
    }
}
