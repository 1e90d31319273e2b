package io.jlvs.bench.codec;

import static io.jlvs.ipvs.internal.IpvsUapi.IPVS_CMD_NEW_DEST;
import static io.jlvs.ipvs.internal.IpvsUapi.IPVS_CMD_NEW_SERVICE;
import static io.jlvs.ipvs.internal.IpvsUapi.IPVS_GENL_VERSION;
import static io.jlvs.netlink.NetlinkConstants.NLM_F_MULTI;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerEntry;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.ServiceEntry;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.Stats;
import io.jlvs.ipvs.VirtualService;
import io.jlvs.ipvs.internal.IpvsCodec;
import io.jlvs.netlink.MessageWriter;

/**
 * Typical objects and the bytes the kernel would send for them, made once per benchmark trial with the
 * codec's own reply writers ({@code IpvsCodec.writeServiceEntry}, as ip_vs_genl_fill_service lays them
 * out), so the decode benchmarks read realistic replies without a kernel.
 */
final class Samples {
    /** What a dump datagram holds at most here: the kernel fills a dump skb to about this size. */
    static final int DUMP_DATAGRAM_BYTES = 16 << 10;
    static final int FAMILY_ID = 0x1a; // any id: decoding does not look at it
    private static final Stats STATS = new Stats(123_456, 9_876_543, 8_765_432, 1_234_567_890L, 9_876_543_210L,
            12, 3_400, 3_100, 1_200_000, 4_800_000);

    private Samples() {}

    static VirtualService service(int i) {
        return VirtualService.builder(ServiceKey.tcp(ipv4(0x0a00_0000 + i + 1), 80)).scheduler(Scheduler.WLC).build();
    }

    static RealServer realServer(int i) {
        return RealServer.builder(ipv4(0xac10_0000 + i + 1), 8080).masquerade().weight(1 + i % 100).build();
    }

    static ServiceEntry serviceEntry(int i) {
        return new ServiceEntry(service(i), STATS);
    }

    static RealServerEntry realServerEntry(int i) {
        return new RealServerEntry(realServer(i), i % 50, i % 200, 0, STATS);
    }

    /** One GET_SERVICE dump reply message per service, packed into datagrams as the kernel sends them. */
    static List<ByteBuffer> serviceDump(int count) {
        return dump(count, IPVS_CMD_NEW_SERVICE, (w, i) -> IpvsCodec.writeServiceEntry(w, serviceEntry(i)));
    }

    /** One GET_DEST dump reply message per real server, packed into datagrams. */
    static List<ByteBuffer> realServerDump(int count) {
        return dump(count, IPVS_CMD_NEW_DEST, (w, i) -> IpvsCodec.writeRealServerEntry(w, realServerEntry(i)));
    }

    private interface EntryWriter {
        void write(MessageWriter w, int index);
    }

    private static List<ByteBuffer> dump(int count, int command, EntryWriter entry) {
        List<ByteBuffer> datagrams = new ArrayList<>();
        MessageWriter w = new MessageWriter(DUMP_DATAGRAM_BYTES + 4096);
        for (int i = 0; i < count; i++) {
            w.beginMessage(FAMILY_ID, NLM_F_MULTI, 1, 4242).genlHeader(command, IPVS_GENL_VERSION);
            entry.write(w, i);
            w.endMessage();
            if (w.size() >= DUMP_DATAGRAM_BYTES - 512 || i == count - 1) {
                datagrams.add(copy(w.flip()));
                w.clear();
            }
        }
        return datagrams;
    }

    /** A direct buffer of its own, as a receive buffer would be, positioned at 0. */
    static ByteBuffer copy(ByteBuffer bytes) {
        ByteBuffer b = ByteBuffer.allocateDirect(bytes.remaining()).order(ByteOrder.nativeOrder());
        b.put(bytes.duplicate()).flip();
        return b;
    }

    static InetAddress ipv4(int v) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        } catch (UnknownHostException e) {
            throw new AssertionError("four bytes are always an IPv4 address", e);
        }
    }
}
