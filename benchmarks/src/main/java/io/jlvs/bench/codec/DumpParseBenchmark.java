package io.jlvs.bench.codec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.jlvs.ipvs.AddressFamily;
import io.jlvs.ipvs.RealServerEntry;
import io.jlvs.ipvs.ServiceEntry;
import io.jlvs.ipvs.internal.IpvsCodec;
import io.jlvs.netlink.Message;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding a whole dump of {@code entries} services or real servers (10,000 by default), already
 * received: the datagrams (about 16 KiB each, as the kernel fills them) are built once with the codec's
 * reply writers; one operation splits them into messages and decodes every entry into a list, which is
 * what {@code IpvsClient.services()} does after its recv calls.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class DumpParseBenchmark {
    @Param({"10000"})
    public int entries;

    private List<ByteBuffer> services;
    private List<ByteBuffer> realServers;

    @Setup
    public void prepare() {
        services = Samples.serviceDump(entries);
        realServers = Samples.realServerDump(entries);
    }

    @Benchmark
    public List<ServiceEntry> services() {
        List<ServiceEntry> rows = new ArrayList<>();
        for (ByteBuffer d : services) {
            Message.parseAll(d, d.limit(), m -> rows.add(IpvsCodec.readServiceEntry(m.genlAttributes())));
        }
        return check(rows);
    }

    @Benchmark
    public List<RealServerEntry> realServers() {
        List<RealServerEntry> rows = new ArrayList<>();
        for (ByteBuffer d : realServers) {
            Message.parseAll(d, d.limit(), m -> rows.add(IpvsCodec.readRealServerEntry(m.genlAttributes(), AddressFamily.INET)));
        }
        return check(rows);
    }

    private <T> List<T> check(List<T> rows) {
        if (rows.size() != entries) {
            throw new IllegalStateException("decoded " + rows.size() + " entries of " + entries);
        }
        return rows;
    }
}
