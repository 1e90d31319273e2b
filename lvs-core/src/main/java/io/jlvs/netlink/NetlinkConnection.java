package io.jlvs.netlink;

import static io.jlvs.netlink.NetlinkConstants.CTRL_ATTR_FAMILY_ID;
import static io.jlvs.netlink.NetlinkConstants.CTRL_ATTR_FAMILY_NAME;
import static io.jlvs.netlink.NetlinkConstants.CTRL_ATTR_HDRSIZE;
import static io.jlvs.netlink.NetlinkConstants.CTRL_ATTR_MAXATTR;
import static io.jlvs.netlink.NetlinkConstants.CTRL_ATTR_MCAST_GROUPS;
import static io.jlvs.netlink.NetlinkConstants.CTRL_ATTR_MCAST_GRP_ID;
import static io.jlvs.netlink.NetlinkConstants.CTRL_ATTR_MCAST_GRP_NAME;
import static io.jlvs.netlink.NetlinkConstants.CTRL_ATTR_VERSION;
import static io.jlvs.netlink.NetlinkConstants.CTRL_CMD_GETFAMILY;
import static io.jlvs.netlink.NetlinkConstants.GENL_ID_CTRL;
import static io.jlvs.netlink.NetlinkConstants.NLMSG_DONE;
import static io.jlvs.netlink.NetlinkConstants.NLMSG_ERROR;
import static io.jlvs.netlink.NetlinkConstants.NLMSG_NOOP;
import static io.jlvs.netlink.NetlinkConstants.NLMSG_OVERRUN;
import static io.jlvs.netlink.NetlinkConstants.NLM_F_ACK;
import static io.jlvs.netlink.NetlinkConstants.NLM_F_DUMP;
import static io.jlvs.netlink.NetlinkConstants.NLM_F_DUMP_INTR;
import static io.jlvs.netlink.NetlinkConstants.NLM_F_REQUEST;

import io.jlvs.sys.Errno;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Requests, dumps and batches over one netlink transport, with replies matched to requests by
 * sequence number. Every exchange goes through one receive loop ({@link #await}), which knows
 * NLMSG_ERROR (acks and errors with extended-ack text), NLMSG_DONE, multi-part replies and
 * NLM_F_DUMP_INTR; replies to requests no longer awaited (an earlier timeout) are skipped.
 *
 * <p>Not thread-safe: one exchange at a time. Owns the transport and closes it.
 */
public final class NetlinkConnection implements AutoCloseable {
    /** Attempts for a dump that the kernel marks interrupted before giving up. */
    public static final int MAX_DUMP_ATTEMPTS = 5;
    /** A batch send holds at most this many bytes of requests ... */
    static final int BATCH_SEND_BYTES = 60 * 1024;
    /** ... and at most this many requests, so their acks fit the socket's receive buffer. */
    static final int BATCH_SEND_MESSAGES = 512;
    /** Kernel dump chunks are at most 32 KiB (netlink_dump); one receive must hold a whole datagram. */
    private static final int RECEIVE_BUFFER_BYTES = 256 * 1024;

    private final NetlinkTransport transport;
    private final ByteBuffer rx = ByteBuffer.allocateDirect(RECEIVE_BUFFER_BYTES).order(ByteOrder.nativeOrder());
    private final MessageWriter tx = new MessageWriter(BATCH_SEND_BYTES + 8192);
    private final Duration exchangeTimeout;
    private int seq;

    public NetlinkConnection(NetlinkTransport transport) {
        this(transport, Duration.ofMinutes(5));
    }

    /**
     * @param exchangeTimeout the longest one exchange (a request, a whole dump, one batch send) may take
     *                        while replies keep arriving; each single receive is bounded by the transport
     */
    public NetlinkConnection(NetlinkTransport transport, Duration exchangeTimeout) {
        this.transport = transport;
        this.exchangeTimeout = exchangeTimeout;
        // Start away from 0 so that replies meant for another socket user are unlikely to match.
        this.seq = (int) (System.nanoTime() & 0x3fffffff) + 1;
    }

    public NetlinkTransport transport() {
        return transport;
    }

    /**
     * Sends {@code request} with NLM_F_ACK and waits for its acknowledgement, decoding every data reply
     * that comes before it.
     *
     * @throws NetlinkException with the kernel's errno and extended-ack text if it refused
     */
    public <T> List<T> request(Request request, Function<Message, T> decoder) {
        int s = nextSeq();
        sendOne(request, s, NLM_F_ACK);
        List<T> replies = new ArrayList<>();
        Acknowledgement[] ack = new Acknowledgement[1];
        await(request.description(), new Exchange() {
            public boolean expects(int seqNo) { return seqNo == s; }
            public void reply(Message m) { replies.add(decoder.apply(m)); }
            public void ended(int seqNo, Acknowledgement a) { ack[0] = a; }
            public boolean complete() { return ack[0] != null; }
        });
        if (!ack[0].ok()) {
            throw NetlinkException.of(request.description(), ack[0].errno(), ack[0].kernelMessage());
        }
        return replies;
    }

    /**
     * What {@link #requestThenDump} learnt: the request's acknowledgement, empty when the kernel sent
     * none, and the rows of the dump sent behind it.
     */
    public record Probed<T>(Optional<Acknowledgement> acknowledgement, List<T> rows) {
    }

    /**
     * Sends {@code request} asking for an acknowledgement, then {@code probe} as a dump, and returns the
     * request's acknowledgement, if the kernel sent one, with the dump's rows. The kernel handles a
     * request within its sendto(2) and a socket's requests in order, so once the dump has ended every
     * answer to the request is in: none means the kernel chose to send none. That happens when a
     * handler returns -EINTR, which netlink_rcv_skb (net/netlink/af_netlink.c) takes for "a dump was
     * started, no acknowledgement": IPVS's IPVS_CMD_DEL_DAEMON returns kthread_stop's -EINTR when the
     * daemon's thread had not run yet (seen on Linux 6.1, a stop right after a start), and a plain
     * {@link #request} would then wait for an answer that never comes. The dump lets the caller see what
     * the request did.
     *
     * @throws NetlinkException the request's answer does not end the exchange; the dump's error does
     */
    public <T> Probed<T> requestThenDump(Request request, Request probe, Function<Message, T> decoder) {
        int s = nextSeq();
        sendOne(request, s, NLM_F_ACK);
        int d = nextSeq();
        sendOne(probe, d, NLM_F_DUMP);
        List<T> rows = new ArrayList<>();
        Acknowledgement[] ack = new Acknowledgement[2];
        await(request.description(), new Exchange() {
            public boolean expects(int seqNo) { return seqNo == s || seqNo == d; }
            public void reply(Message m) {
                if (m.seq() == d) {
                    rows.add(decoder.apply(m));
                }
            }
            public void ended(int seqNo, Acknowledgement a) { ack[seqNo == s ? 0 : 1] = a; }
            public boolean complete() { return ack[1] != null; }
        });
        if (!ack[1].ok()) {
            throw NetlinkException.of(probe.description(), ack[1].errno(), ack[1].kernelMessage());
        }
        return new Probed<>(Optional.ofNullable(ack[0]), rows);
    }

    /** {@link #request} for requests whose only answer is the acknowledgement. */
    public void execute(Request request) {
        request(request, m -> null);
    }

    /**
     * Dumps a table: sends {@code request} with NLM_F_DUMP and decodes every message until NLMSG_DONE.
     * If the kernel says the table changed during the dump (NLM_F_DUMP_INTR), the partial result is
     * dropped and the dump repeated, at most {@link #MAX_DUMP_ATTEMPTS} times.
     */
    public <T> List<T> dump(Request request, Function<Message, T> decoder) {
        for (int attempt = 1; attempt <= MAX_DUMP_ATTEMPTS; attempt++) {
            int s = nextSeq();
            sendOne(request, s, NLM_F_DUMP);
            List<T> rows = new ArrayList<>();
            boolean[] interrupted = new boolean[1];
            Acknowledgement[] end = new Acknowledgement[1];
            await(request.description(), new Exchange() {
                public boolean expects(int seqNo) { return seqNo == s; }
                public void reply(Message m) {
                    if (m.hasFlag(NLM_F_DUMP_INTR)) {
                        interrupted[0] = true;
                    }
                    if (!interrupted[0]) {
                        rows.add(decoder.apply(m));
                    }
                }
                public void ended(int seqNo, Acknowledgement a) { end[0] = a; }
                public boolean complete() { return end[0] != null; }
                public void done(Message m) {
                    interrupted[0] |= m.hasFlag(NLM_F_DUMP_INTR);
                }
            });
            if (!end[0].ok()) {
                throw NetlinkException.of(request.description(), end[0].errno(), end[0].kernelMessage());
            }
            if (!interrupted[0]) {
                return rows;
            }
        }
        throw new DumpInterruptedException(request.description(), MAX_DUMP_ATTEMPTS);
    }

    /**
     * Sends many requests packed into as few datagrams as fit, and reports for each what the kernel
     * answered. The kernel handles every message of a datagram in order and keeps going after one
     * fails, answering a failure always and a success only when asked (NLM_F_ACK; netlink_rcv_skb in
     * net/netlink/af_netlink.c). So only the last message of a datagram asks: once its answer is in,
     * every earlier message of it without an error has succeeded. 60,000 operations then cost the
     * kernel about 130 acknowledgements instead of 60,000, and this side as few to read. (A peer that
     * acknowledges every message anyway is understood too.)
     *
     * @param stopAtFailure when true, no further datagram is sent after one containing a failure
     *                      (requests in that same datagram were already handled by the kernel and are
     *                      reported as they went); the rest are {@link Outcome.Status#NOT_SENT}
     * @param progress      called after each datagram with the number of requests answered so far
     */
    public List<Outcome> batch(List<Request> requests, boolean stopAtFailure, Consumer<Integer> progress) {
        Outcome[] outcomes = new Outcome[requests.size()];
        int next = 0;
        boolean failed = false;
        while (next < requests.size() && !(failed && stopAtFailure)) {
            int first = next;
            // The acks are matched by seqNo - firstSeq, so one send's numbers must not wrap around.
            if (seq > Integer.MAX_VALUE - BATCH_SEND_MESSAGES) {
                seq = 0;
            }
            int firstSeq = seq + 1;
            tx.clear();
            while (next < requests.size() && tx.messageCount() < BATCH_SEND_MESSAGES
                    && (tx.size() < BATCH_SEND_BYTES || tx.messageCount() == 0)) {
                write(requests.get(next), nextSeq(), 0);
                next++;
            }
            tx.addFlagsToLastMessage(NLM_F_ACK);
            int count = next - first;
            int lastSeq = firstSeq + count - 1;
            boolean[] lastAnswered = {false};
            try {
                transport.send(tx.flip());
            } catch (NetlinkException e) {
                // A refused sendto delivered nothing: the kernel handled none of this datagram.
                for (int i = first; i < requests.size(); i++) {
                    outcomes[i] = new Outcome(requests.get(i), Outcome.Status.NOT_SENT, e.errno(), e.getMessage());
                }
                next = requests.size();
                break;
            }
            try {
                await("batch of " + count + " requests", new Exchange() {
                    public boolean expects(int seqNo) {
                        int i = seqNo - firstSeq;
                        return i >= 0 && i < count && outcomes[first + i] == null;
                    }
                    public void reply(Message m) { }
                    public void ended(int seqNo, Acknowledgement a) {
                        int i = first + (seqNo - firstSeq);
                        outcomes[i] = a.ok()
                                ? new Outcome(requests.get(i), Outcome.Status.APPLIED, 0, null)
                                : new Outcome(requests.get(i), Outcome.Status.FAILED, a.errno(), a.kernelMessage());
                        lastAnswered[0] |= seqNo == lastSeq;
                    }
                    public boolean complete() { return lastAnswered[0]; }
                });
                // Answers come in the order the kernel handled the messages: with the last one's in,
                // a message that drew no error succeeded.
                for (int i = first; i < next; i++) {
                    if (outcomes[i] == null) {
                        outcomes[i] = new Outcome(requests.get(i), Outcome.Status.APPLIED, 0, null);
                    }
                }
            } catch (NetlinkException e) {
                // The socket broke (overflow, timeout): what was answered stands, the rest is unknown.
                for (int i = first; i < next; i++) {
                    if (outcomes[i] == null) {
                        outcomes[i] = new Outcome(requests.get(i), Outcome.Status.UNKNOWN, e.errno(), e.getMessage());
                    }
                }
                failed = true;
                stopAtFailure = true;
            }
            for (int i = first; i < next; i++) {
                failed |= outcomes[i].status() != Outcome.Status.APPLIED;
            }
            if (progress != null) {
                progress.accept(next);
            }
        }
        for (int i = next; i < requests.size(); i++) {
            outcomes[i] = new Outcome(requests.get(i), Outcome.Status.NOT_SENT, 0, null);
        }
        return Arrays.asList(outcomes);
    }

    /** Resolves a generic-netlink family by name through the controller (nlctrl). */
    public GenericFamily resolveFamily(String name) {
        Request request = Request.genl(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, 0,
                w -> w.putString(CTRL_ATTR_FAMILY_NAME, name), "resolve generic netlink family " + name);
        List<GenericFamily> found;
        try {
            found = request(request, NetlinkConnection::decodeFamily);
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENOENT) {
                throw new FamilyNotFoundException(name);
            }
            throw e;
        }
        if (found.isEmpty()) {
            throw new MalformedMessageException("controller acknowledged GETFAMILY " + name + " without a reply");
        }
        return found.get(0);
    }

    private static GenericFamily decodeFamily(Message m) {
        Attributes a = m.genlAttributes();
        Map<String, Integer> groups = new HashMap<>();
        if (a.has(CTRL_ATTR_MCAST_GROUPS)) {
            a.nested(CTRL_ATTR_MCAST_GROUPS).forEachNested((index, group) ->
                    groups.put(group.string(CTRL_ATTR_MCAST_GRP_NAME), group.u32(CTRL_ATTR_MCAST_GRP_ID)));
        }
        return new GenericFamily(a.string(CTRL_ATTR_FAMILY_NAME), a.u16(CTRL_ATTR_FAMILY_ID),
                a.has(CTRL_ATTR_VERSION) ? a.u32(CTRL_ATTR_VERSION) : 0,
                a.has(CTRL_ATTR_HDRSIZE) ? a.u32(CTRL_ATTR_HDRSIZE) : 0,
                a.has(CTRL_ATTR_MAXATTR) ? a.u32(CTRL_ATTR_MAXATTR) : 0, Map.copyOf(groups));
    }

    @Override
    public void close() {
        transport.close();
    }

    private int nextSeq() {
        seq = seq == Integer.MAX_VALUE ? 1 : seq + 1;
        return seq;
    }

    /** One request alone in a datagram. */
    private void sendOne(Request request, int s, int extraFlags) {
        tx.clear();
        write(request, s, extraFlags);
        transport.send(tx.flip());
    }

    private void write(Request request, int s, int extraFlags) {
        tx.beginMessage(request.type(), NLM_F_REQUEST | request.flags() | extraFlags, s, 0);
        request.body().accept(tx);
        tx.endMessage();
    }

    /** The parties to one exchange: which sequence numbers it waits for and what to do with replies. */
    private interface Exchange {
        boolean expects(int seq);

        void reply(Message m);

        /** An NLMSG_ERROR (ack or error), or the end of a dump (NLMSG_DONE, as an ack with its error). */
        void ended(int seq, Acknowledgement ack);

        boolean complete();

        default void done(Message m) {
        }
    }

    /** The one receive loop. Bounded: each receive by the transport's timeout, the whole by exchangeTimeout. */
    private void await(String operation, Exchange exchange) {
        long deadline = System.nanoTime() + exchangeTimeout.toNanos();
        while (!exchange.complete()) {
            if (System.nanoTime() - deadline > 0) {
                throw new NetlinkException(operation + ": no complete answer within " + exchangeTimeout
                        + " (the kernel may still carry the request out)", Errno.ETIMEDOUT, null);
            }
            int n = receive(operation);
            Message.parseAll(rx, n, m -> {
                if (!exchange.expects(m.seq())) {
                    return; // a late reply to an exchange that was abandoned
                }
                switch (m.type()) {
                    case NLMSG_ERROR -> exchange.ended(m.seq(), Acknowledgement.decode(m));
                    case NLMSG_DONE -> {
                        exchange.done(m);
                        exchange.ended(m.seq(), doneStatus(m));
                    }
                    case NLMSG_NOOP -> { }
                    case NLMSG_OVERRUN -> throw new NetlinkException(operation + ": kernel reported data lost (NLMSG_OVERRUN)", Errno.ENOBUFS, null);
                    default -> exchange.reply(m);
                }
            });
        }
    }

    /**
     * One receive; the transport's timeout running out (EAGAIN) becomes ETIMEDOUT naming the operation,
     * so that a caller never mistakes the kernel's silence for the kernel's EAGAIN answer.
     */
    private int receive(String operation) {
        try {
            return transport.receive(rx);
        } catch (NetlinkException e) {
            if (e.errno() != Errno.EAGAIN) {
                throw e;
            }
            throw new NetlinkException(operation + ": the kernel did not answer within the socket's receive timeout"
                    + " (it may still carry the request out)", Errno.ETIMEDOUT, null);
        }
    }

    /** NLMSG_DONE carries an int: 0, or -errno when the dump failed part way (netlink_dump_done). */
    private static Acknowledgement doneStatus(Message m) {
        int error = m.payloadLength() >= 4 ? m.buffer().getInt(m.payloadOffset()) : 0;
        String text = null;
        if (error < 0 && m.hasFlag(NetlinkConstants.NLM_F_ACK_TLVS) && m.payloadLength() > 4) {
            Attributes tlv = Attributes.parse(m.buffer(), m.payloadOffset() + 4, m.payloadEnd());
            if (tlv.has(NetlinkConstants.NLMSGERR_ATTR_MSG)) {
                text = tlv.string(NetlinkConstants.NLMSGERR_ATTR_MSG);
            }
        }
        if (error > 0 || error < -4095) {
            throw new MalformedMessageException("NLMSG_DONE carries " + error + ", not 0 or -errno");
        }
        return new Acknowledgement(-error, m.seq(), text, -1);
    }
}
