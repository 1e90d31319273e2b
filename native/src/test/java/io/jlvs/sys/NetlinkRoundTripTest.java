package io.jlvs.sys;

import static io.jlvs.sys.LinuxConstants.MSG_DONTWAIT;
import static io.jlvs.sys.LinuxConstants.MSG_PEEK;
import static io.jlvs.sys.LinuxConstants.MSG_TRUNC;
import static io.jlvs.sys.LinuxConstants.NETLINK_GENERIC;
import static io.jlvs.sys.NetlinkMessages.CTRL_ATTR_FAMILY_ID;
import static io.jlvs.sys.NetlinkMessages.GENL_ID_CTRL;
import static io.jlvs.sys.NetlinkMessages.NLMSG_ERROR;
import static io.jlvs.sys.NetlinkMessages.SOCKADDR_NL_SIZE;
import static io.jlvs.sys.SyscallAssertions.assertFailsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

/**
 * sendto(2) and recv(2), exercised by asking the generic netlink controller about itself: the one
 * family every kernel with generic netlink has ({@code include/uapi/linux/genetlink.h}, GENL_ID_CTRL).
 */
class NetlinkRoundTripTest {

    @ForEachBackend
    void sendtoReturnsTheNumberOfBytesSent(Syscalls sys) {
        try (OpenFd fd = TestSockets.boundNetlink(sys, NETLINK_GENERIC)) {
            ByteBuffer request = NetlinkMessages.getFamilyRequest("nlctrl", 1);
            assertEquals(request.remaining(), sys.sendto(fd.value(), request, request.remaining(), 0, null, 0));
        }
    }

    @ForEachBackend
    void getFamilyForNlctrlIsAnsweredWithItsFamilyId(Syscalls sys) {
        try (OpenFd fd = TestSockets.boundNetlink(sys, NETLINK_GENERIC)) {
            send(sys, fd, NetlinkMessages.getFamilyRequest("nlctrl", 7));

            ByteBuffer reply = NetlinkMessages.direct(8192);
            int length = sys.recv(fd.value(), reply, reply.remaining(), 0);

            assertTrue(length > 0, () -> "recv returned " + SyscallAssertions.describeResult(length));
            assertEquals(length, NetlinkMessages.messageLength(reply, 0));
            assertEquals(GENL_ID_CTRL, NetlinkMessages.messageType(reply, 0));
            assertEquals(7, NetlinkMessages.messageSeq(reply, 0));
            assertEquals(GENL_ID_CTRL, NetlinkMessages.genlU16Attribute(reply, 0, CTRL_ATTR_FAMILY_ID));
        }
    }

    @ForEachBackend
    void theReplyIsFollowedByAnAckBecauseTheRequestAskedForOne(Syscalls sys) {
        try (OpenFd fd = TestSockets.boundNetlink(sys, NETLINK_GENERIC)) {
            send(sys, fd, NetlinkMessages.getFamilyRequest("nlctrl", 8));
            ByteBuffer buf = NetlinkMessages.direct(8192);
            sys.recv(fd.value(), buf, buf.remaining(), 0);

            int length = sys.recv(fd.value(), buf, buf.remaining(), 0);

            assertTrue(length > 0, () -> "recv returned " + SyscallAssertions.describeResult(length));
            assertEquals(NLMSG_ERROR, NetlinkMessages.messageType(buf, 0));
            assertEquals(0, NetlinkMessages.errorCode(buf, 0), "an ACK is an NLMSG_ERROR with error 0");
        }
    }

    @ForEachBackend
    void anUnknownFamilyIsAnsweredWithMinusENOENTInsideTheMessage(Syscalls sys) {
        try (OpenFd fd = TestSockets.boundNetlink(sys, NETLINK_GENERIC)) {
            send(sys, fd, NetlinkMessages.getFamilyRequest("no-such-family", 9));
            ByteBuffer buf = NetlinkMessages.direct(8192);

            int length = sys.recv(fd.value(), buf, buf.remaining(), 0);

            assertTrue(length > 0, () -> "recv returned " + SyscallAssertions.describeResult(length));
            assertEquals(NLMSG_ERROR, NetlinkMessages.messageType(buf, 0));
            assertEquals(-Errno.ENOENT, NetlinkMessages.errorCode(buf, 0));
        }
    }

    @ForEachBackend
    void sendtoWithAnExplicitKernelAddressIsAnsweredLikeWithout(Syscalls sys) {
        try (OpenFd fd = TestSockets.boundNetlink(sys, NETLINK_GENERIC)) {
            ByteBuffer request = NetlinkMessages.getFamilyRequest("nlctrl", 10);
            ByteBuffer kernel = NetlinkMessages.sockaddrNl(0);
            sys.sendto(fd.value(), request, request.remaining(), 0, kernel, SOCKADDR_NL_SIZE);

            ByteBuffer reply = NetlinkMessages.direct(8192);
            sys.recv(fd.value(), reply, reply.remaining(), 0);

            assertEquals(GENL_ID_CTRL, NetlinkMessages.messageType(reply, 0));
        }
    }

    @ForEachBackend
    void recvWithMsgTruncReportsTheFullLengthOfALongerMessage(Syscalls sys) {
        try (OpenFd fd = TestSockets.boundNetlink(sys, NETLINK_GENERIC)) {
            send(sys, fd, NetlinkMessages.getFamilyRequest("nlctrl", 11));
            ByteBuffer small = NetlinkMessages.direct(16);
            ByteBuffer large = NetlinkMessages.direct(8192);

            int peeked = sys.recv(fd.value(), small, small.remaining(), MSG_PEEK | MSG_TRUNC);
            int received = sys.recv(fd.value(), large, large.remaining(), 0);

            assertTrue(received > 16, "the nlctrl reply is longer than a header");
            assertEquals(received, peeked);
        }
    }

    @ForEachBackend
    void recvOnAnEmptySocketWithMsgDontwaitFailsWithEAGAIN(Syscalls sys) {
        try (OpenFd fd = TestSockets.boundNetlink(sys, NETLINK_GENERIC)) {
            ByteBuffer buf = NetlinkMessages.direct(64);
            assertFailsWith(Errno.EAGAIN, sys.recv(fd.value(), buf, buf.remaining(), MSG_DONTWAIT));
        }
    }

    @ForEachBackend
    void sendtoOnMinusOneFailsWithEBADF(Syscalls sys) {
        ByteBuffer request = NetlinkMessages.getFamilyRequest("nlctrl", 12);
        assertFailsWith(Errno.EBADF, sys.sendto(-1, request, request.remaining(), 0, null, 0));
    }

    private static void send(Syscalls sys, OpenFd fd, ByteBuffer request) {
        int sent = sys.sendto(fd.value(), request, request.remaining(), 0, null, 0);
        assertEquals(request.remaining(), sent, () -> "sendto returned " + SyscallAssertions.describeResult(sent));
    }
}
