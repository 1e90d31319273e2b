package io.jlvs.bench;

import static io.jlvs.netlink.NetlinkConstants.CTRL_ATTR_FAMILY_NAME;
import static io.jlvs.netlink.NetlinkConstants.CTRL_CMD_GETFAMILY;
import static io.jlvs.netlink.NetlinkConstants.GENL_ID_CTRL;
import static io.jlvs.netlink.NetlinkConstants.NLM_F_REQUEST;
import static io.jlvs.sys.LinuxConstants.NETLINK_GENERIC;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import io.jlvs.netlink.GenericFamily;
import io.jlvs.netlink.MessageWriter;
import io.jlvs.netlink.NetlinkConnection;
import io.jlvs.netlink.NetlinkSocket;
import io.jlvs.sys.ErrnoException;
import io.jlvs.sys.SyscallBackend;
import io.jlvs.sys.Syscalls;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A generic netlink round trip that every Linux kernel answers: CTRL_CMD_GETFAMILY for "nlctrl", the
 * controller asking about itself ({@code include/uapi/linux/genetlink.h}). {@link #sendtoRecv} is the two
 * bare syscalls on a prepared request (no ACK asked, so one reply); {@link #resolveFamily} is the same
 * question through lvs-core's connection: encoding, the ack, the receive loop and decoding included.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class NlctrlRoundTripBenchmark {
    @Param({"JNR", "FFM"})
    public SyscallBackend backend;

    private Syscalls sys;
    private RawNetlinkSocket socket;
    private ByteBuffer request;
    private int requestLength;
    private ByteBuffer reply;
    private NetlinkConnection connection;

    @Setup
    public void open() throws ErrnoException {
        sys = backend.syscalls();
        socket = RawNetlinkSocket.open(sys, NETLINK_GENERIC);
        request = new MessageWriter(64)
                .beginMessage(GENL_ID_CTRL, NLM_F_REQUEST, 1, 0)
                .genlHeader(CTRL_CMD_GETFAMILY, 1)
                .putString(CTRL_ATTR_FAMILY_NAME, "nlctrl")
                .endMessage()
                .flip();
        requestLength = request.remaining();
        reply = RawNetlinkSocket.direct(16 << 10);
        connection = new NetlinkConnection(NetlinkSocket.open(sys, NETLINK_GENERIC));
    }

    @TearDown
    public void close() {
        connection.close();
        socket.close();
    }

    @Benchmark
    public int sendtoRecv() {
        int sent = sys.sendto(socket.fd(), request, requestLength, 0, null, 0);
        int received = sys.recv(socket.fd(), reply, reply.capacity(), 0);
        if (sent != requestLength || received <= 0) {
            throw new IllegalStateException("sendto returned " + sent + ", recv " + received);
        }
        return received;
    }

    @Benchmark
    public GenericFamily resolveFamily() {
        return connection.resolveFamily("nlctrl");
    }
}
