package io.jlvs.bench.table;

import static io.jlvs.ipvs.internal.IpvsUapi.IPVS_CMD_NEW_DEST;
import static io.jlvs.ipvs.internal.IpvsUapi.IPVS_CMD_NEW_SERVICE;
import static io.jlvs.ipvs.internal.IpvsUapi.IPVS_GENL_NAME;
import static io.jlvs.ipvs.internal.IpvsUapi.IPVS_GENL_VERSION;
import static io.jlvs.netlink.NetlinkConstants.NLMSG_ERROR;
import static io.jlvs.netlink.NetlinkConstants.NLM_F_ACK;
import static io.jlvs.netlink.NetlinkConstants.NLM_F_REQUEST;
import static io.jlvs.sys.LinuxConstants.NETLINK_GENERIC;

import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

import io.jlvs.bench.RawNetlinkSocket;
import io.jlvs.bench.scale.ScaleNamespace;
import io.jlvs.ipvs.internal.IpvsCodec;
import io.jlvs.netlink.MessageWriter;
import io.jlvs.netlink.NetlinkConnection;
import io.jlvs.netlink.NetlinkSocket;
import io.jlvs.sys.ErrnoException;
import io.jlvs.sys.Syscalls;

/**
 * The floor under a batched load: the same NEW_SERVICE and NEW_DEST messages as
 * {@code IpvsClient.apply(Batch)} sends (encoded by the same {@link IpvsCodec}), packed the same way (at
 * most 512 messages or about 60 KiB a datagram, only the last asking for an acknowledgement), written
 * with bare {@code sendto} on a {@link RawNetlinkSocket} and answered with bare {@code recv}: no
 * {@code Batch}, no {@code Operation} or {@code Request} objects, no {@code IpvsClient} or
 * {@code NetlinkConnection} on the timed path. What is left is what any batched sender must do: encode,
 * send, let the kernel apply, read the acknowledgement. Any error the kernel answers fails the load.
 */
final class RawBatchFloor implements AutoCloseable {
    /** The same limits as lvs-core's batch (NetlinkConnection.BATCH_SEND_BYTES, BATCH_SEND_MESSAGES). */
    private static final int DATAGRAM_BYTES = 60 * 1024;
    private static final int DATAGRAM_MESSAGES = 512;
    private static final int NLMSG_HDRLEN = 16;

    private final Syscalls sys;
    private final RawNetlinkSocket socket;
    private final int familyId;
    private final MessageWriter tx = new MessageWriter(DATAGRAM_BYTES + 8192);
    private final ByteBuffer rx = RawNetlinkSocket.direct(64 * 1024);
    private int seq;
    private long datagrams;

    private RawBatchFloor(Syscalls sys, RawNetlinkSocket socket, int familyId) {
        this.sys = sys;
        this.socket = socket;
        this.familyId = familyId;
    }

    /** A bare socket in {@code ns}, the IPVS family's id looked up beforehand (untimed, as a client's open is). */
    static RawBatchFloor open(ScaleNamespace ns) {
        Syscalls sys = Syscalls.system();
        int family;
        try (NetlinkConnection c = new NetlinkConnection(
                ns.namespace().call(sys, () -> NetlinkSocket.open(sys, NETLINK_GENERIC)))) {
            family = c.resolveFamily(IPVS_GENL_NAME).id();
        }
        RawNetlinkSocket socket = ns.namespace().call(sys, () -> {
            try {
                return RawNetlinkSocket.open(sys, NETLINK_GENERIC);
            } catch (ErrnoException e) {
                throw new UncheckedIOException(e);
            }
        });
        return new RawBatchFloor(sys, socket, family);
    }

    /** Loads {@code table}: every service followed by its real servers, as {@link ScaleTable#batch()} orders them. */
    void load(ScaleTable table) {
        datagrams = 0;
        tx.clear();
        for (int s = 0; s < table.services(); s++) {
            message(IPVS_CMD_NEW_SERVICE);
            IpvsCodec.writeService(tx, table.service(s));
            tx.endMessage();
            for (int r = 0; r < table.realServersPerService(); r++) {
                message(IPVS_CMD_NEW_DEST);
                IpvsCodec.writeServiceKeyNest(tx, table.key(s));
                IpvsCodec.writeRealServer(tx, table.realServer(s, r));
                tx.endMessage();
            }
        }
        if (tx.messageCount() > 0) {
            flush();
        }
    }

    /** Datagrams the last {@link #load} sent. */
    long datagrams() {
        return datagrams;
    }

    private void message(int command) {
        if (tx.messageCount() >= DATAGRAM_MESSAGES || tx.size() >= DATAGRAM_BYTES) {
            flush();
        }
        seq++;
        tx.beginMessage(familyId, NLM_F_REQUEST, seq, 0).genlHeader(command, IPVS_GENL_VERSION);
    }

    /** Sends what is packed, the last message asking for an ack, and reads answers up to that ack. */
    private void flush() {
        tx.addFlagsToLastMessage(NLM_F_ACK);
        ByteBuffer datagram = tx.flip();
        int length = datagram.remaining();
        int sent = sys.sendto(socket.fd(), datagram, length, 0, null, 0);
        if (sent != length) {
            throw new IllegalStateException("sendto of " + length + " bytes returned " + sent + " (a negative value is -errno)");
        }
        datagrams++;
        int lastSeq = seq;
        while (!readAnswers(lastSeq)) {
            // the kernel answers failures as it meets them, the last message's ack at the end
        }
        tx.clear();
    }

    /** One recv: true once the ack of {@code lastSeq} is in; fails on any error answer. */
    private boolean readAnswers(int lastSeq) {
        rx.clear();
        int n = sys.recv(socket.fd(), rx, rx.capacity(), 0);
        if (n <= 0) {
            throw new IllegalStateException("recv returned " + n + " (a negative value is -errno; EAGAIN: 5 s without an answer)"
                    + " waiting for the ack of message " + lastSeq);
        }
        boolean done = false;
        for (int at = 0; at + NLMSG_HDRLEN <= n; ) {
            int len = rx.getInt(at);
            int type = Short.toUnsignedInt(rx.getShort(at + 4));
            int answered = rx.getInt(at + 8);
            if (len < NLMSG_HDRLEN) {
                throw new IllegalStateException("malformed netlink message of length " + len);
            }
            if (type == NLMSG_ERROR) {
                int error = rx.getInt(at + NLMSG_HDRLEN);
                if (error != 0) {
                    throw new IllegalStateException("the kernel refused message " + answered + ": errno " + -error);
                }
                done |= answered == lastSeq;
            }
            at += (len + 3) & ~3;
        }
        return done;
    }

    @Override
    public void close() {
        socket.close();
    }
}
