package io.jlvs.ipvs.internal.memory;

import static io.jlvs.netlink.NetlinkConstants.NLMSG_DONE;
import static io.jlvs.netlink.NetlinkConstants.NLMSG_ERROR;
import static io.jlvs.netlink.NetlinkConstants.NLMSG_HDRLEN;
import static io.jlvs.netlink.NetlinkConstants.NLM_F_CAPPED;
import static io.jlvs.netlink.NetlinkConstants.NLM_F_MULTI;

import io.jlvs.netlink.Message;
import io.jlvs.netlink.MessageWriter;
import io.jlvs.netlink.NetlinkException;
import io.jlvs.netlink.NetlinkTransport;
import io.jlvs.sys.Errno;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A netlink socket whose kernel is a Java object: each request of a datagram sent goes to the
 * {@link Handler}, whose answers come back from {@link #receive} in datagrams of at most
 * {@link #MAX_REPLY_BYTES} (a dump is split as the kernel splits it into pages), with the kernel's
 * framing: acks and errors as NLMSG_ERROR capped to the request's header, dump parts with NLM_F_MULTI,
 * a dump's end as NLMSG_DONE. Not thread-safe, like the client that owns it.
 */
public final class MemoryTransport implements NetlinkTransport {
    private static final int PORT_ID = 0x4a4c564d; // "JLVM"
    static final int MAX_REPLY_BYTES = 16 * 1024;

    /** What a request gets: an ack, an error, or data (with an ack, or as a dump). */
    public interface Handler {
        void handle(Message request, Replies replies);
    }

    private final Handler handler;
    private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
    private boolean closed;

    public MemoryTransport(Handler handler) {
        this.handler = handler;
    }

    @Override
    public void send(ByteBuffer datagram) {
        ensureOpen();
        ByteBuffer view = datagram.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        List<Message> requests = new ArrayList<>();
        Message.parseAll(ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder()), bytes.length, requests::add);
        Replies replies = new Replies();
        requests.forEach(r -> handler.handle(r, replies));
        replies.flush();
    }

    @Override
    public int receive(ByteBuffer into) {
        ensureOpen();
        byte[] next = pending.pollFirst();
        if (next == null) {
            throw NetlinkException.of("recv(netlink): no reply pending (in-memory IPVS)", Errno.EAGAIN, null);
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
            throw new IllegalStateException("this in-memory IPVS client is closed");
        }
    }

    /** The answers to one datagram's requests, cut into datagrams as they grow. */
    public final class Replies {
        private MessageWriter w = new MessageWriter();

        private Replies() {
        }

        /** Success without data. */
        public void ack(Message request) {
            error(request, 0);
        }

        /** The request failed with {@code errno}; the kernel's capped NLMSG_ERROR. */
        public void error(Message request, int errno) {
            w.beginMessage(NLMSG_ERROR, NLM_F_CAPPED, request.seq(), PORT_ID);
            // struct nlmsgerr: the error, then the request's header (capped: no payload echoed).
            byte[] head = new byte[4 + NLMSG_HDRLEN];
            ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.nativeOrder()).putInt(-errno);
            ByteBuffer src = request.buffer();
            for (int i = request.payloadOffset() - NLMSG_HDRLEN; i < request.payloadOffset(); i++) {
                b.put(src.get(i));
            }
            w.putRaw(head);
            w.endMessage();
            cut();
        }

        /** A single data message (a GET answered without a dump); an ack follows it. */
        public void data(Message request, int type, Consumer<MessageWriter> body) {
            w.beginMessage(type, 0, request.seq(), PORT_ID);
            body.accept(w);
            w.endMessage();
            ack(request);
        }

        /** One part of a dump. */
        public void part(Message request, int type, Consumer<MessageWriter> body) {
            w.beginMessage(type, NLM_F_MULTI, request.seq(), PORT_ID);
            body.accept(w);
            w.endMessage();
            cut();
        }

        /** The end of a dump: NLMSG_DONE carrying 0, or -{@code errno}. */
        public void done(Message request, int errno) {
            w.beginMessage(NLMSG_DONE, NLM_F_MULTI, request.seq(), PORT_ID);
            w.putRaw(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(-errno).array());
            w.endMessage();
            cut();
        }

        private void cut() {
            if (w.size() >= MAX_REPLY_BYTES) {
                flush();
            }
        }

        private void flush() {
            if (w.messageCount() == 0) {
                return;
            }
            ByteBuffer b = w.flip();
            byte[] out = new byte[b.remaining()];
            b.get(out);
            pending.addLast(out);
            w = new MessageWriter();
        }
    }
}
