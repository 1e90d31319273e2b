package io.jlvs.bench;

import java.util.concurrent.TimeUnit;

import io.jlvs.ipvs.Ipvs;
import io.jlvs.ipvs.IpvsClient;
import io.jlvs.ipvs.IpvsInfo;
import io.jlvs.netlink.NetworkNamespace;
import io.jlvs.sys.SyscallBackend;
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
 * A full IPVS_CMD_GET_INFO round trip through the public API ({@link IpvsClient#info()}): needs a kernel
 * with IPVS and CAP_NET_ADMIN. {@link BenchmarkMain} leaves it out, saying why, where IPVS is missing;
 * run by other means it stops in setup with the same reason.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class IpvsInfoBenchmark {
    @Param({"JNR", "FFM"})
    public SyscallBackend backend;

    private IpvsClient client;

    @Setup
    public void open() {
        Ipvs.unavailabilityCause().ifPresent(cause -> {
            throw new IllegalStateException("IpvsInfoBenchmark needs IPVS here: " + cause);
        });
        client = IpvsClient.open(NetworkNamespace.current(), backend.syscalls());
    }

    @TearDown
    public void close() {
        client.close();
    }

    @Benchmark
    public IpvsInfo getInfo() {
        return client.info();
    }
}
