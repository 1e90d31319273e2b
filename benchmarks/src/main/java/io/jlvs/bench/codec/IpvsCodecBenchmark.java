package io.jlvs.bench.codec;

import static io.jlvs.ipvs.internal.IpvsUapi.IPVS_CMD_NEW_DEST;
import static io.jlvs.ipvs.internal.IpvsUapi.IPVS_CMD_NEW_SERVICE;
import static io.jlvs.ipvs.internal.IpvsUapi.IPVS_GENL_VERSION;
import static io.jlvs.netlink.NetlinkConstants.NLM_F_ACK;
import static io.jlvs.netlink.NetlinkConstants.NLM_F_REQUEST;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import io.jlvs.ipvs.AddressFamily;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerEntry;
import io.jlvs.ipvs.ServiceEntry;
import io.jlvs.ipvs.VirtualService;
import io.jlvs.ipvs.internal.IpvsCodec;
import io.jlvs.netlink.Message;
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
 * Encoding one request and decoding one reply, for a service and for a real server: the per-operation
 * cost jLVS adds on top of the syscalls. The writer is reused, as a connection reuses its send buffer;
 * the reply bytes are made once with the codec's reply writers.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class IpvsCodecBenchmark {
    private final MessageWriter writer = new MessageWriter(4096);
    private VirtualService service;
    private RealServer realServer;
    private ByteBuffer serviceReply;
    private ByteBuffer realServerReply;
    private int seq;

    @Setup
    public void prepare() {
        service = Samples.service(7);
        realServer = Samples.realServer(7);
        serviceReply = Samples.serviceDump(1).getFirst();
        realServerReply = Samples.realServerDump(1).getFirst();
    }

    /** NEW_SERVICE: header, genl header, the service nest. */
    @Benchmark
    public int encodeService() {
        writer.clear().beginMessage(Samples.FAMILY_ID, NLM_F_REQUEST | NLM_F_ACK, ++seq, 0)
                .genlHeader(IPVS_CMD_NEW_SERVICE, IPVS_GENL_VERSION);
        IpvsCodec.writeService(writer, service);
        return writer.endMessage().size();
    }

    /** NEW_DEST: the service key nest and the real-server nest. */
    @Benchmark
    public int encodeRealServer() {
        writer.clear().beginMessage(Samples.FAMILY_ID, NLM_F_REQUEST | NLM_F_ACK, ++seq, 0)
                .genlHeader(IPVS_CMD_NEW_DEST, IPVS_GENL_VERSION);
        IpvsCodec.writeServiceKeyNest(writer, service.key());
        IpvsCodec.writeRealServer(writer, realServer);
        return writer.endMessage().size();
    }

    /** One GET_SERVICE reply message (with both stats nests) into a ServiceEntry. */
    @Benchmark
    public ServiceEntry decodeService() {
        ServiceEntry[] out = new ServiceEntry[1];
        Message.parseAll(serviceReply, serviceReply.limit(), m -> out[0] = IpvsCodec.readServiceEntry(m.genlAttributes()));
        return out[0];
    }

    /** One GET_DEST reply message into a RealServerEntry. */
    @Benchmark
    public RealServerEntry decodeRealServer() {
        RealServerEntry[] out = new RealServerEntry[1];
        Message.parseAll(realServerReply, realServerReply.limit(),
                m -> out[0] = IpvsCodec.readRealServerEntry(m.genlAttributes(), AddressFamily.INET));
        return out[0];
    }
}
