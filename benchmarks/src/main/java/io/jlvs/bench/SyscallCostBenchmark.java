package io.jlvs.bench;

import static io.jlvs.sys.LinuxConstants.NETLINK_GENERIC;
import static io.jlvs.sys.LinuxConstants.SOL_SOCKET;
import static io.jlvs.sys.LinuxConstants.SO_RCVBUF;

import java.util.concurrent.TimeUnit;

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
 * The cost of one call through each backend, with the kernel doing almost nothing: {@code close(-1)} fails
 * at once with EBADF (the call plus the errno path), and {@code getsockopt(SO_RCVBUF)} succeeds with two
 * out-parameters (the call plus per-thread scratch memory). What is left is the backend's own overhead.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class SyscallCostBenchmark {
    @Param({"JNR", "FFM"})
    public SyscallBackend backend;

    private Syscalls sys;
    private RawNetlinkSocket socket;

    @Setup
    public void open() throws ErrnoException {
        sys = backend.syscalls();
        socket = RawNetlinkSocket.open(sys, NETLINK_GENERIC);
    }

    @TearDown
    public void close() {
        socket.close();
    }

    @Benchmark
    public int closeBadFdErrno() {
        return sys.close(-1);
    }

    @Benchmark
    public int getsockoptInt() {
        return sys.getsockoptInt(socket.fd(), SOL_SOCKET, SO_RCVBUF);
    }
}
