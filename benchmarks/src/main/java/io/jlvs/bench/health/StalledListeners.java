package io.jlvs.bench.health;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Real servers whose connects time out: listeners on loopback addresses 127.2.x.y that never accept,
 * with their accept queue (backlog 1) filled by connections made here. Linux drops a SYN that arrives
 * at a listener whose accept queue is full (tcp_conn_request: LISTENOVERFLOWS), without an answer, so
 * a probe's connect waits out its timeout, as against a host that is gone. Only addresses in 127/8
 * that this run picks are used.
 */
final class StalledListeners implements AutoCloseable {
    /** A fill connection whose handshake has not completed in this long is taken as dropped: the queue is full. */
    private static final long DROPPED_MILLIS = 200;
    private static final int MAX_FILL = 16;

    private final List<ServerSocketChannel> listeners = new ArrayList<>();
    private final List<SocketChannel> fill = new ArrayList<>();
    private final List<InetSocketAddress> addresses = new ArrayList<>();

    StalledListeners(int count) throws IOException {
        if (count < 0 || count > 250 * 250) {
            throw new IllegalArgumentException("stalled listener count must be 0..62500, got " + count);
        }
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < count; i++) {
                InetAddress address = InetAddress.getByAddress(new byte[] {127, 2, (byte) (i / 250), (byte) (i % 250 + 1)});
                ServerSocketChannel ch = ServerSocketChannel.open();
                listeners.add(ch);
                ch.bind(new InetSocketAddress(address, 0), 1);
                InetSocketAddress bound = (InetSocketAddress) ch.getLocalAddress();
                fillQueue(bound, selector);
                addresses.add(bound);
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw new IOException("stalling listener " + listeners.size() + " of " + count + ": " + e.getMessage(), e);
        }
    }

    /** Connects to {@code target} until one connection's handshake is not answered: then SYNs are dropped. */
    private void fillQueue(InetSocketAddress target, Selector selector) throws IOException {
        for (int n = 0; n < MAX_FILL; n++) {
            SocketChannel c = SocketChannel.open();
            c.configureBlocking(false);
            if (c.connect(target)) {
                fill.add(c);
                continue;
            }
            SelectionKey key = c.register(selector, SelectionKey.OP_CONNECT);
            selector.select(DROPPED_MILLIS);
            boolean answered = !selector.selectedKeys().isEmpty();
            selector.selectedKeys().clear();
            key.cancel();
            selector.selectNow(); // deregisters the cancelled key
            if (!answered) {
                c.close();
                return;
            }
            c.finishConnect();
            fill.add(c);
        }
        throw new IOException(target + " still completes handshakes after " + MAX_FILL
                + " connections: its accept queue does not fill (backlog ignored?)");
    }

    List<InetSocketAddress> addresses() {
        return List.copyOf(addresses);
    }

    @Override
    public void close() {
        for (SocketChannel c : fill) {
            closeQuietly(c);
        }
        for (ServerSocketChannel ch : listeners) {
            closeQuietly(ch);
        }
    }

    private static void closeQuietly(java.nio.channels.Channel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing is all we want
        }
    }
}
