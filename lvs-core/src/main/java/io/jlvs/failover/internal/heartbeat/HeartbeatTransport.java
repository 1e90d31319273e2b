package io.jlvs.failover.internal.heartbeat;

import io.jlvs.netlink.NetworkNamespace;
import io.jlvs.sys.Syscalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * UDP sockets for heartbeats: one non-blocking {@link DatagramChannel} bound to each local address
 * and the group's port, all on one {@link Selector}. The sockets are created inside the node's
 * network namespace (a socket stays in the namespace it was made in). Binding is exclusive: a port
 * another process already holds is an error, not a shared socket. Used by one thread, except
 * {@link #wakeup}.
 */
public final class HeartbeatTransport implements AutoCloseable {
    /** Datagrams read per ready socket per {@link #receive} call: keeps a flood from starving sends. */
    private static final int MAX_READS_PER_SOCKET = 64;
    /** Larger than any heartbeat, so an oversized datagram is seen whole (and rejected by length). */
    private static final int BUFFER_SIZE = 2048;

    private final Selector selector;
    private final Map<InetAddress, DatagramChannel> channels;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);

    private HeartbeatTransport(Selector selector, Map<InetAddress, DatagramChannel> channels) {
        this.selector = selector;
        this.channels = channels;
    }

    /** Binds {@code port} on each of {@code locals} inside {@code namespace}. */
    public static HeartbeatTransport open(NetworkNamespace namespace, Syscalls sys, Set<InetAddress> locals, int port) {
        Map<InetAddress, DatagramChannel> channels = new LinkedHashMap<>();
        Selector selector = null;
        try {
            selector = Selector.open();
            for (InetAddress local : locals) {
                DatagramChannel channel = namespace.call(sys, () -> openBound(local, port));
                channels.put(local, channel);
                channel.register(selector, SelectionKey.OP_READ, local);
            }
            return new HeartbeatTransport(selector, channels);
        } catch (IOException | RuntimeException e) {
            channels.values().forEach(HeartbeatTransport::closeQuietly);
            if (selector != null) {
                closeQuietly(selector);
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException("heartbeat sockets: " + io.getMessage(), io);
            }
            throw (RuntimeException) e;
        }
    }

    private static DatagramChannel openBound(InetAddress local, int port) {
        DatagramChannel channel = null;
        try {
            channel = DatagramChannel.open(local.getAddress().length == 4
                    ? java.net.StandardProtocolFamily.INET : java.net.StandardProtocolFamily.INET6);
            // No SO_REUSEADDR: for UDP it would let a second jlvsd bind the same address and port
            // silently, and the kernel would then hand each of them only some of the peer's heartbeats.
            channel.bind(new InetSocketAddress(local, port));
            channel.configureBlocking(false);
            return channel;
        } catch (IOException e) {
            if (channel != null) {
                closeQuietly(channel);
            }
            throw new UncheckedIOException("cannot bind heartbeat socket to " + local.getHostAddress() + " port " + port
                    + ": " + e.getMessage(), e);
        }
    }

    /** Sends one datagram from {@code local}'s socket; an IOException is the caller's to log. */
    public void send(InetAddress local, InetSocketAddress to, byte[] frame) throws IOException {
        DatagramChannel channel = channels.get(local);
        if (channel == null) {
            throw new IllegalArgumentException("no heartbeat socket on " + local.getHostAddress());
        }
        channel.send(ByteBuffer.wrap(frame), to);
    }

    /**
     * Waits at most {@code timeoutMillis} (0 = just poll) for datagrams and hands each to
     * {@code receiver}, a bounded number per socket.
     */
    public void receive(long timeoutMillis, Receiver receiver) throws IOException {
        int ready = timeoutMillis <= 0 ? selector.selectNow() : selector.select(timeoutMillis);
        if (ready == 0) {
            return;
        }
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            DatagramChannel channel = (DatagramChannel) key.channel();
            InetAddress local = (InetAddress) key.attachment();
            for (int i = 0; i < MAX_READS_PER_SOCKET; i++) {
                buffer.clear();
                SocketAddress source = channel.receive(buffer);
                if (source == null) {
                    break;
                }
                buffer.flip();
                receiver.datagram(local, (InetSocketAddress) source, buffer.array(), buffer.remaining());
            }
        }
    }

    /** Makes a blocked {@link #receive} return at once (any thread). */
    public void wakeup() {
        selector.wakeup();
    }

    @Override
    public void close() {
        channels.values().forEach(HeartbeatTransport::closeQuietly);
        closeQuietly(selector);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // Closing: nothing useful to do with a failure.
        }
    }

    /** Gets each datagram; {@code data} is reused after the call returns. */
    @FunctionalInterface
    public interface Receiver {
        void datagram(InetAddress local, InetSocketAddress source, byte[] data, int length);
    }
}
