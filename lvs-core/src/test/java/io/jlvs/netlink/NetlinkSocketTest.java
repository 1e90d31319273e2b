package io.jlvs.netlink;

import static io.jlvs.sys.LinuxConstants.AF_NETLINK;
import static io.jlvs.sys.LinuxConstants.NETLINK_CAP_ACK;
import static io.jlvs.sys.LinuxConstants.NETLINK_EXT_ACK;
import static io.jlvs.sys.LinuxConstants.NETLINK_GENERIC;
import static io.jlvs.sys.LinuxConstants.SOCK_CLOEXEC;
import static io.jlvs.sys.LinuxConstants.SOCK_RAW;
import static io.jlvs.sys.LinuxConstants.SOL_NETLINK;
import static io.jlvs.sys.LinuxConstants.SOL_SOCKET;
import static io.jlvs.sys.LinuxConstants.SO_RCVBUF;
import static io.jlvs.sys.LinuxConstants.SO_RCVBUFFORCE;
import static io.jlvs.sys.LinuxConstants.SO_RCVTIMEO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.sys.Errno;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** NetlinkSocket's policy around the syscalls (options, fallbacks, retries, cleanup), without a kernel. */
class NetlinkSocketTest {

    /** Syscalls that open fd 3 and report port id 4242 from getsockname. */
    private static class Kernel extends RecordingSyscalls {
        @Override
        public int getsockname(int fd, ByteBuffer addr) {
            super.getsockname(fd, addr);
            addr.putInt(addr.position() + 4, 4242);
            return 12;
        }
    }

    @Test
    void openCreatesARawCloexecNetlinkSocketAndLearnsItsPortId() {
        Kernel sys = new Kernel();
        NetlinkSocket socket = NetlinkSocket.open(sys, NETLINK_GENERIC);
        assertEquals("socket(" + AF_NETLINK + "," + (SOCK_RAW | SOCK_CLOEXEC) + "," + NETLINK_GENERIC + ")", sys.calls.get(0));
        assertTrue(sys.called("bind(3)"));
        assertEquals(4242, socket.portId());
    }

    @Test
    void openAsksForExtendedAndCappedAcksALargeReceiveBufferAndAReceiveTimeout() {
        Kernel sys = new Kernel();
        NetlinkSocket.open(sys, NETLINK_GENERIC, Duration.ofMillis(1500));
        assertTrue(sys.called("setsockopt(3," + SOL_NETLINK + "," + NETLINK_EXT_ACK + ",1)"), sys.calls.toString());
        assertTrue(sys.called("setsockopt(3," + SOL_NETLINK + "," + NETLINK_CAP_ACK + ",1)"), sys.calls.toString());
        assertTrue(sys.called("setsockopt(3," + SOL_SOCKET + "," + SO_RCVBUFFORCE + "," + NetlinkSocket.DEFAULT_BUFFER_BYTES + ")"));
        assertTrue(sys.called("setsockopt(3," + SOL_SOCKET + "," + SO_RCVTIMEO + ",<16 bytes>)"));
        assertFalse(sys.called("setsockopt(3," + SOL_SOCKET + "," + SO_RCVBUF + "," + NetlinkSocket.DEFAULT_BUFFER_BYTES + ")"),
                "no fallback when FORCE worked");
    }

    @Test
    void theReceiveTimeoutIsWrittenAsStructTimeval() {
        ByteBuffer[] seen = new ByteBuffer[1];
        Kernel sys = new Kernel() {
            @Override
            public int setsockopt(int fd, int level, int option, ByteBuffer value, int length) {
                seen[0] = value.duplicate().order(value.order());
                return super.setsockopt(fd, level, option, value, length);
            }
        };
        NetlinkSocket.open(sys, NETLINK_GENERIC, Duration.ofMillis(2500));
        assertEquals(2, seen[0].getLong(0), "tv_sec");
        assertEquals(500_000, seen[0].getLong(8), "tv_usec");
    }

    @Test
    void withoutCapNetAdminTheReceiveBufferFallsBackToTheOrdinaryOption() {
        Kernel sys = new Kernel() {
            @Override
            public int setsockopt(int fd, int level, int option, int value) {
                super.setsockopt(fd, level, option, value);
                return option == SO_RCVBUFFORCE ? -Errno.EPERM : 0;
            }
        };
        NetlinkSocket.open(sys, NETLINK_GENERIC);
        assertTrue(sys.called("setsockopt(3," + SOL_SOCKET + "," + SO_RCVBUF + "," + NetlinkSocket.DEFAULT_BUFFER_BYTES + ")"));
    }

    @Test
    void aFailedSocketCallIsANetlinkExceptionWithItsErrno() {
        Kernel sys = new Kernel() {
            @Override
            public int socket(int domain, int type, int protocol) {
                return -Errno.EAFNOSUPPORT;
            }
        };
        NetlinkException e = assertThrows(NetlinkException.class, () -> NetlinkSocket.open(sys, NETLINK_GENERIC));
        assertEquals(Errno.EAFNOSUPPORT, e.errno());
    }

    @Test
    void aFailedBindClosesTheDescriptor() {
        Kernel sys = new Kernel() {
            @Override
            public int bind(int fd, ByteBuffer addr, int addrLength) {
                super.bind(fd, addr, addrLength);
                return -Errno.EADDRINUSE;
            }
        };
        NetlinkException e = assertThrows(NetlinkException.class, () -> NetlinkSocket.open(sys, NETLINK_GENERIC));
        assertEquals(Errno.EADDRINUSE, e.errno());
        assertTrue(sys.called("close(3)"));
    }

    @Test
    void receiveRetriesAfterEintr() {
        int[] recvCalls = {0};
        Kernel sys = new Kernel() {
            @Override
            public int recv(int fd, ByteBuffer buf, int length, int flags) {
                return ++recvCalls[0] < 3 ? -Errno.EINTR : 20;
            }
        };
        NetlinkSocket socket = NetlinkSocket.open(sys, NETLINK_GENERIC);
        assertEquals(20, socket.receive(ByteBuffer.allocateDirect(64)));
        assertEquals(3, recvCalls[0]);
    }

    @Test
    void receiveGivesUpOnEndlessEintrInsteadOfLooping() {
        int[] recvCalls = {0};
        Kernel sys = new Kernel() {
            @Override
            public int recv(int fd, ByteBuffer buf, int length, int flags) {
                recvCalls[0]++;
                return -Errno.EINTR;
            }
        };
        NetlinkSocket socket = NetlinkSocket.open(sys, NETLINK_GENERIC);
        NetlinkException e = assertThrows(NetlinkException.class, () -> socket.receive(ByteBuffer.allocateDirect(64)));
        assertEquals(Errno.EINTR, e.errno());
        assertTrue(recvCalls[0] <= 100, "recv calls: " + recvCalls[0]);
    }

    @Test
    void aReceiveTimeoutIsANetlinkExceptionWithEagain() {
        Kernel sys = new Kernel() {
            @Override
            public int recv(int fd, ByteBuffer buf, int length, int flags) {
                return -Errno.EAGAIN;
            }
        };
        NetlinkSocket socket = NetlinkSocket.open(sys, NETLINK_GENERIC);
        NetlinkException e = assertThrows(NetlinkException.class, () -> socket.receive(ByteBuffer.allocateDirect(64)));
        assertEquals(Errno.EAGAIN, e.errno());
    }

    @Test
    void aDatagramLargerThanTheBufferIsMalformedNotTruncatedSilently() {
        Kernel sys = new Kernel() {
            @Override
            public int recv(int fd, ByteBuffer buf, int length, int flags) {
                return length + 1; // MSG_TRUNC reports the real length
            }
        };
        NetlinkSocket socket = NetlinkSocket.open(sys, NETLINK_GENERIC);
        assertThrows(MalformedMessageException.class, () -> socket.receive(ByteBuffer.allocateDirect(64)));
    }

    @Test
    void receiveFillsTheBufferFromOffsetZeroWhateverItsPosition() {
        int[] seenPosition = {-1};
        int[] seenLength = {-1};
        Kernel sys = new Kernel() {
            @Override
            public int recv(int fd, ByteBuffer buf, int length, int flags) {
                seenPosition[0] = buf.position();
                seenLength[0] = length;
                return 0;
            }
        };
        NetlinkSocket socket = NetlinkSocket.open(sys, NETLINK_GENERIC);
        ByteBuffer into = ByteBuffer.allocateDirect(64);
        into.position(10).limit(20);
        socket.receive(into);
        assertEquals(0, seenPosition[0]);
        assertEquals(64, seenLength[0]);
    }

    @Test
    void aShortSendIsAnError() {
        Kernel sys = new Kernel() {
            @Override
            public int sendto(int fd, ByteBuffer buf, int length, int flags, ByteBuffer addr, int addrLength) {
                return length - 4;
            }
        };
        NetlinkSocket socket = NetlinkSocket.open(sys, NETLINK_GENERIC);
        assertThrows(NetlinkException.class, () -> socket.send(ByteBuffer.allocateDirect(32)));
    }

    @Test
    void aFailedSendCarriesItsErrno() {
        Kernel sys = new Kernel() {
            @Override
            public int sendto(int fd, ByteBuffer buf, int length, int flags, ByteBuffer addr, int addrLength) {
                return -Errno.ENOBUFS;
            }
        };
        NetlinkSocket socket = NetlinkSocket.open(sys, NETLINK_GENERIC);
        NetlinkException e = assertThrows(NetlinkException.class, () -> socket.send(ByteBuffer.allocateDirect(32)));
        assertEquals(Errno.ENOBUFS, e.errno());
    }

    @Test
    void closeClosesTheDescriptorOnceAndTheSocketIsUnusableAfterwards() {
        Kernel sys = new Kernel();
        NetlinkSocket socket = NetlinkSocket.open(sys, NETLINK_GENERIC);
        socket.close();
        socket.close();
        assertEquals(1, sys.count("close(3)"));
        assertThrows(IllegalStateException.class, () -> socket.send(ByteBuffer.allocateDirect(16)));
        assertThrows(IllegalStateException.class, () -> socket.receive(ByteBuffer.allocateDirect(16)));
    }
}
