package io.jlvs.netlink;

import static io.jlvs.netlink.NetlinkConstants.NLMSGERR_ATTR_MSG;
import static io.jlvs.netlink.NetlinkConstants.NLMSGERR_ATTR_OFFS;
import static io.jlvs.netlink.NetlinkConstants.NLMSG_DONE;
import static io.jlvs.netlink.NetlinkConstants.NLMSG_ERROR;
import static io.jlvs.netlink.NetlinkConstants.NLMSG_HDRLEN;
import static io.jlvs.netlink.NetlinkConstants.NLM_F_ACK_TLVS;
import static io.jlvs.netlink.NetlinkConstants.NLM_F_CAPPED;
import static io.jlvs.netlink.NetlinkConstants.NLM_F_DUMP_INTR;
import static io.jlvs.netlink.NetlinkConstants.NLM_F_MULTI;

import io.jlvs.sys.Errno;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A kernel stand-in for unit tests: it takes the datagrams a {@link NetlinkConnection} sends, parses
 * them with the production {@link Message#parseAll}, and answers each from a scripted
 * {@link Behaviour}. Replies are built with the production {@link MessageWriter}, so a fake reply is
 * laid out exactly as the real codecs lay out bytes (include/uapi/linux/netlink.h).
 *
 * <p>When no reply is queued, {@link #receive} throws a {@link NetlinkException} with errno EAGAIN,
 * as a real socket does when its receive timeout runs out, instead of blocking.
 *
 * <p>Nothing here is specific to a netlink family; higher layers script their own behaviours.
 */
public final class FakeKernel implements NetlinkTransport {
    /** The port id the fake reports for its socket and puts into every reply's nlmsg_pid. */
    public static final int PORT_ID = 0x4a4c5653; // "JLVS"

    /** How the kernel answers one datagram: given its parsed messages, the reply datagrams to queue. */
    @FunctionalInterface
    public interface Behaviour {
        List<byte[]> answer(List<Message> requests);
    }

    private Behaviour behaviour;
    private final Deque<byte[]> pending = new ArrayDeque<>();
    private final List<List<Message>> received = new ArrayList<>();
    private boolean closed;
    private int receiveCalls;

    public FakeKernel(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    /** A kernel that acknowledges every message it is sent, all acks of a datagram in one reply. */
    public static FakeKernel acknowledgingEverything() {
        return new FakeKernel(acknowledgeEach());
    }

    /** Answers with an ack for every request of the datagram, in one reply datagram. */
    public static Behaviour acknowledgeEach() {
        return requests -> {
            Reply reply = reply();
            requests.forEach(reply::ack);
            return List.of(reply.bytes());
        };
    }

    /** Answers every request of the datagram in one reply datagram, each as {@code perRequest} says. */
    public static Behaviour eachRequest(BiConsumer<Reply, Message> perRequest) {
        return requests -> {
            Reply reply = reply();
            requests.forEach(m -> perRequest.accept(reply, m));
            return List.of(reply.bytes());
        };
    }

    /** The n-th datagram is answered by the n-th behaviour; datagrams beyond the list get no answer. */
    public static Behaviour inTurn(Behaviour... turns) {
        int[] next = {0};
        return requests -> next[0] < turns.length ? turns[next[0]++].answer(requests) : List.of();
    }

    /**
     * A sendto(2) that fails with {@code errno} (ENOBUFS, EMSGSIZE, ...): {@link #send} throws. The
     * datagram still appears in {@link #received()}, which lists every datagram passed to send.
     */
    public static Behaviour refusingSend(int errno) {
        return requests -> {
            throw NetlinkException.of("sendto(netlink) (fake kernel)", errno, null);
        };
    }

    /** Sends nothing back (the next receive times out with EAGAIN). */
    public static Behaviour silent() {
        return requests -> List.of();
    }

    /** Replaces the behaviour for datagrams sent from now on. */
    public void behave(Behaviour newBehaviour) {
        this.behaviour = newBehaviour;
    }

    /** Queues a datagram for a later receive, as if the kernel had sent it unprompted (a stale reply). */
    public void enqueue(byte[] datagram) {
        pending.addLast(datagram.clone());
    }

    /** Starts a reply datagram. */
    public static Reply reply() {
        return new Reply();
    }

    /** Every datagram sent so far, each as its parsed messages (views of a private copy: always valid). */
    public List<List<Message>> received() {
        return Collections.unmodifiableList(received);
    }

    /** Number of datagrams sent to the fake. */
    public int datagramsReceived() {
        return received.size();
    }

    /** All messages sent so far, across datagrams, in order. */
    public List<Message> messagesReceived() {
        return received.stream().flatMap(List::stream).toList();
    }

    /** The most recent datagram's messages. */
    public List<Message> lastDatagram() {
        if (received.isEmpty()) {
            throw new AssertionError("nothing was sent to the fake kernel");
        }
        return received.get(received.size() - 1);
    }

    /** Replies queued and not yet received. */
    public int pendingReplies() {
        return pending.size();
    }

    /** Number of calls to {@link #receive}, timeouts included. */
    public int receiveCalls() {
        return receiveCalls;
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void send(ByteBuffer datagram) {
        ensureOpen();
        ByteBuffer view = datagram.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        // A private heap copy in host order, so the parsed Messages stay valid after the caller reuses its buffer.
        ByteBuffer copy = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        List<Message> messages = new ArrayList<>();
        Message.parseAll(copy, bytes.length, messages::add);
        List<Message> frozen = Collections.unmodifiableList(messages);
        received.add(frozen);
        for (byte[] reply : behaviour.answer(frozen)) {
            pending.addLast(reply);
        }
    }

    @Override
    public int receive(ByteBuffer into) {
        ensureOpen();
        receiveCalls++;
        byte[] next = pending.pollFirst();
        if (next == null) {
            throw NetlinkException.of("recv(netlink): no reply within the receive timeout (fake kernel)", Errno.EAGAIN, null);
        }
        if (next.length > into.capacity()) {
            throw new MalformedMessageException("netlink datagram of " + next.length + " bytes truncated to a "
                    + into.capacity() + "-byte receive buffer");
        }
        into.put(0, next);
        return next.length;
    }

    @Override
    public int portId() {
        return PORT_ID;
    }

    @Override
    public void close() {
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("fake kernel closed");
        }
    }

    /**
     * One reply datagram under construction: any number of messages written with the production
     * {@link MessageWriter}. Each method answers {@code request} (its sequence number) unless it takes
     * an explicit sequence number.
     */
    public static final class Reply {
        private final MessageWriter w = new MessageWriter();

        private Reply() {
        }

        /** An acknowledgement: NLMSG_ERROR with error 0 and the request's header (always capped). */
        public Reply ack(Message request) {
            return nlmsgerr(request, 0, NLM_F_CAPPED, false, null, -1);
        }

        /** An error as a socket with NETLINK_CAP_ACK sees it, without extended-ack TLVs. */
        public Reply error(Message request, int errno) {
            return nlmsgerr(request, errno, NLM_F_CAPPED, false, null, -1);
        }

        /**
         * An error with extended-ack TLVs (NLM_F_CAPPED | NLM_F_ACK_TLVS): NLMSGERR_ATTR_MSG {@code text}
         * when not null, NLMSGERR_ATTR_OFFS {@code attributeOffset} when not negative.
         */
        public Reply error(Message request, int errno, String text, int attributeOffset) {
            return nlmsgerr(request, errno, NLM_F_CAPPED | NLM_F_ACK_TLVS, false, text, attributeOffset);
        }

        /** An error as a socket without NETLINK_CAP_ACK sees it: the whole request echoed, then the TLVs. */
        public Reply uncappedError(Message request, int errno, String text, int attributeOffset) {
            int flags = text != null || attributeOffset >= 0 ? NLM_F_ACK_TLVS : 0;
            return nlmsgerr(request, errno, flags, true, text, attributeOffset);
        }

        /** A single (non-multi-part) data reply of {@code type}, e.g. a GET answered outside a dump. */
        public Reply data(Message request, int type, Consumer<MessageWriter> body) {
            return message(type, 0, request.seq(), body);
        }

        /** One part of a multi-part dump reply (NLM_F_MULTI). */
        public Reply multi(Message request, int type, Consumer<MessageWriter> body) {
            return message(type, NLM_F_MULTI, request.seq(), body);
        }

        /** One part of a dump the kernel saw change underneath it (NLM_F_MULTI | NLM_F_DUMP_INTR). */
        public Reply multiInterrupted(Message request, int type, Consumer<MessageWriter> body) {
            return message(type, NLM_F_MULTI | NLM_F_DUMP_INTR, request.seq(), body);
        }

        /** The end of a successful dump: NLMSG_DONE carrying 0. */
        public Reply done(Message request) {
            return done(request, 0, 0, null);
        }

        /** NLMSG_DONE carrying -{@code errno} (0 for success), with {@code extraFlags} beyond NLM_F_MULTI. */
        public Reply done(Message request, int errno, int extraFlags, String text) {
            int flags = NLM_F_MULTI | extraFlags | (text != null ? NLM_F_ACK_TLVS : 0);
            w.beginMessage(NLMSG_DONE, flags, request.seq(), PORT_ID);
            w.putRaw(intBytes(-errno));
            if (text != null) {
                w.putString(NLMSGERR_ATTR_MSG, text);
            }
            w.endMessage();
            return this;
        }

        /** Any message with any header, for stale replies, control messages and malformed cases. */
        public Reply message(int type, int flags, int seq, Consumer<MessageWriter> body) {
            w.beginMessage(type, flags, seq, PORT_ID);
            body.accept(w);
            w.endMessage();
            return this;
        }

        /** The datagram's bytes. */
        public byte[] bytes() {
            ByteBuffer b = w.flip();
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        }

        /** The datagram as the single reply of a behaviour. */
        public List<byte[]> asList() {
            return List.of(bytes());
        }

        // struct nlmsgerr { int error; struct nlmsghdr msg; } then, unless capped, the rest of the
        // request, then the TLVs (include/uapi/linux/netlink.h, net/netlink/af_netlink.c netlink_ack).
        private Reply nlmsgerr(Message request, int errno, int flags, boolean echoPayload, String text, int offset) {
            w.beginMessage(NLMSG_ERROR, flags, request.seq(), PORT_ID);
            ByteBuffer src = request.buffer();
            int headerStart = request.payloadOffset() - NLMSG_HDRLEN;
            int copied = echoPayload ? request.payloadEnd() - headerStart : NLMSG_HDRLEN;
            byte[] original = new byte[copied];
            src.get(headerStart, original);
            byte[] head = new byte[4 + copied];
            ByteBuffer.wrap(head).order(ByteOrder.nativeOrder()).putInt(-errno).put(original);
            w.putRaw(head);
            if (text != null) {
                w.putString(NLMSGERR_ATTR_MSG, text);
            }
            if (offset >= 0) {
                w.putU32(NLMSGERR_ATTR_OFFS, offset);
            }
            w.endMessage();
            return this;
        }

        private static byte[] intBytes(int value) {
            return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array();
        }
    }

    /** Convenience for behaviours: one datagram built by {@code build} from a fresh {@link Reply}. */
    public static List<byte[]> single(Function<Reply, Reply> build) {
        return List.of(build.apply(reply()).bytes());
    }
}
