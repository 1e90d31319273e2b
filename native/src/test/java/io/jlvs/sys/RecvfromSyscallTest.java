package io.jlvs.sys;

import static io.jlvs.sys.LinuxConstants.AF_INET;
import static io.jlvs.sys.LinuxConstants.MSG_DONTWAIT;
import static io.jlvs.sys.LinuxConstants.SOCK_CLOEXEC;
import static io.jlvs.sys.LinuxConstants.SOCK_DGRAM;
import static io.jlvs.sys.LinuxConstants.SOL_SOCKET;
import static io.jlvs.sys.LinuxConstants.SO_RCVTIMEO;
import static io.jlvs.sys.SyscallAssertions.assertFailsWith;
import static io.jlvs.sys.SyscallAssertions.assertSucceeds;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * recvfrom(2) with the sender's address, over UDP on loopback: the sender binds 127.0.0.5 (all of 127/8
 * is local), so the address the call reports cannot be a coincidence of the default source.
 */
class RecvfromSyscallTest {
    static final int SOCKADDR_IN_SIZE = 16;

    @ForEachBackend
    void reportsTheSendersAddressAndPort(Syscalls sys) {
        try (OpenFd receiver = udp(sys); OpenFd sender = udp(sys)) {
            assertSucceeds(sys.bind(receiver.value(), sockaddrIn(127, 0, 0, 1, 0), SOCKADDR_IN_SIZE));
            assertSucceeds(sys.bind(sender.value(), sockaddrIn(127, 0, 0, 5, 0), SOCKADDR_IN_SIZE));
            int receiverPort = port(sys, receiver);
            int senderPort = port(sys, sender);
            ByteBuffer payload = direct(5).put(0, "hello".getBytes(StandardCharsets.US_ASCII));
            assertEquals(5, sys.sendto(sender.value(), payload, 5, 0, sockaddrIn(127, 0, 0, 1, receiverPort), SOCKADDR_IN_SIZE));

            ByteBuffer buf = direct(64);
            ByteBuffer from = direct(SOCKADDR_IN_SIZE);
            int length = sys.recvfrom(receiver.value(), buf, 64, 0, from);

            assertEquals(5, length, () -> SyscallAssertions.describeResult(length));
            byte[] got = new byte[5];
            buf.get(0, got);
            assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), got);
            assertEquals(AF_INET, from.order(ByteOrder.nativeOrder()).getShort(0));
            assertEquals(senderPort, Short.toUnsignedInt(from.order(ByteOrder.BIG_ENDIAN).getShort(2)));
            byte[] address = new byte[4];
            from.get(4, address);
            assertArrayEquals(new byte[] {127, 0, 0, 5}, address);
        }
    }

    @ForEachBackend
    void withNothingQueuedAndDontwaitFailsWithEAGAIN(Syscalls sys) {
        try (OpenFd receiver = udp(sys)) {
            assertSucceeds(sys.bind(receiver.value(), sockaddrIn(127, 0, 0, 1, 0), SOCKADDR_IN_SIZE));
            assertFailsWith(Errno.EAGAIN, sys.recvfrom(receiver.value(), direct(64), 64, MSG_DONTWAIT, direct(SOCKADDR_IN_SIZE)));
        }
    }

    @ForEachBackend
    void heapAddressBufferIsRefused(Syscalls sys) {
        assertThrows(IllegalArgumentException.class,
                () -> sys.recvfrom(-1, direct(64), 64, 0, ByteBuffer.allocate(SOCKADDR_IN_SIZE)));
    }

    private static OpenFd udp(Syscalls sys) {
        OpenFd fd = OpenFd.of(sys, "socket", sys.socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
        ByteBuffer timeout = TestSockets.timeval(5, 0);
        assertSucceeds(sys.setsockopt(fd.value(), SOL_SOCKET, SO_RCVTIMEO, timeout, timeout.remaining()));
        return fd;
    }

    private static int port(Syscalls sys, OpenFd fd) {
        ByteBuffer name = direct(SOCKADDR_IN_SIZE);
        assertEquals(SOCKADDR_IN_SIZE, sys.getsockname(fd.value(), name));
        return Short.toUnsignedInt(name.order(ByteOrder.BIG_ENDIAN).getShort(2));
    }

    /** struct sockaddr_in: family in host order, port and address in network order, 8 bytes of zero. */
    static ByteBuffer sockaddrIn(int a, int b, int c, int d, int port) {
        ByteBuffer addr = direct(SOCKADDR_IN_SIZE);
        addr.order(ByteOrder.nativeOrder()).putShort(0, (short) AF_INET);
        addr.order(ByteOrder.BIG_ENDIAN).putShort(2, (short) port);
        addr.put(4, (byte) a).put(5, (byte) b).put(6, (byte) c).put(7, (byte) d);
        return addr;
    }

    private static ByteBuffer direct(int size) {
        return ByteBuffer.allocateDirect(size);
    }
}
