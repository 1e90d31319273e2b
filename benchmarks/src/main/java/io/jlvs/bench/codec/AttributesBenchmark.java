package io.jlvs.bench.codec;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import io.jlvs.netlink.Attributes;
import io.jlvs.netlink.MessageWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The netlink attribute writer and reader on their own, below any IPVS meaning: a nest holding eight
 * attributes of the kinds IPVS uses (u16, be16, u32, u64, a 16-byte address, a string, a nested pair),
 * written into a reused buffer (inside a generic netlink message, as the writer requires), and parsed and
 * read back.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class AttributesBenchmark {
    /** Past struct nlmsghdr (16 bytes) and struct genlmsghdr (4): where the attributes start. */
    private static final int ATTRIBUTES_OFFSET = 20;
    private static final byte[] ADDRESS = {10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    private final MessageWriter writer = new MessageWriter(1024);
    private ByteBuffer written;

    @Setup
    public void prepare() {
        write();
        written = Samples.copy(writer.flip());
    }

    @Benchmark
    public int write() {
        writer.clear().beginMessage(Samples.FAMILY_ID, 0, 1, 0).genlHeader(1, 1);
        int outer = writer.beginNested(1);
        writer.putU16(1, 2).putBe16(2, 80).putU32(3, 1234).putU64(4, 9_876_543_210L)
                .putBytes(5, ADDRESS).putString(6, "wlc");
        int inner = writer.beginNested(7);
        writer.putU32(1, 1).putU32(2, 2);
        writer.endNested(inner);
        writer.endNested(outer);
        return writer.endMessage().size();
    }

    @Benchmark
    public long parseAndRead() {
        Attributes top = Attributes.parse(written, ATTRIBUTES_OFFSET, written.limit());
        Attributes a = top.nested(1);
        Attributes inner = a.nested(7);
        return a.u16(1) + a.be16(2) + a.u32(3) + a.u64(4) + a.bytes(5).length + a.string(6).length()
                + inner.u32(1) + inner.u32(2);
    }
}
