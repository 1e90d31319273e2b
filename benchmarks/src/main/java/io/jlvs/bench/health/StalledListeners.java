package io.jlvs.bench.health;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Real servers whose connects time out: listeners on loopback addresses 127.2.x.y that never accept,
 * with their accept queue (backlog 1) filled by connections made here. Linux drops a SYN that arrives
 * at a listener whose accept queue is full (tcp_conn_request: LISTENOVERFLOWS), without an answer, so
 * a probe's connect waits out its timeout, as against a host that is gone. Only addresses in 127/8
 * that this run picks are used.
 */
final class StalledListeners implements AutoCloseable {
    /** The second octet of this kind's addresses, 127.2.x.y: the run tells the kinds apart by it. */
    static final byte SECOND_OCTET = 2;

    /**
     * A fill connection whose handshake has not completed in this long is taken as dropped: the queue
     * is full. Generous, for an emulated guest where a loopback handshake takes milliseconds of CPU;
     * the rounds are parallel, so setting up costs about this once. A listener taken as full too
     * early shows as "unexpected" verdicts in the results.
     */
    private static final long DROPPED_MILLIS = 1000;
    private static final int MAX_FILL = 16;

    private final List<ServerSocketChannel> listeners = new ArrayList<>();
    private final List<SocketChannel> fill = new ArrayList<>();
    private final List<InetSocketAddress> addresses = new ArrayList<>();

    StalledListeners(int count) throws IOException {
        if (count < 0 || count > 250 * 250) {
            throw new IllegalArgumentException("stalled listener count must be 0..62500, got " + count);
        }
        try {
            for (int i = 0; i < count; i++) {
                InetAddress address = InetAddress.getByAddress(new byte[] {127, SECOND_OCTET, (byte) (i / 250), (byte) (i % 250 + 1)});
                ServerSocketChannel ch = ServerSocketChannel.open();
                listeners.add(ch);
                ch.bind(new InetSocketAddress(address, 0), 1);
                addresses.add((InetSocketAddress) ch.getLocalAddress());
            }
            fillQueues();
        } catch (IOException | RuntimeException e) {
            close();
            throw new IOException("stalling " + count + " listeners: " + e.getMessage(), e);
        }
    }

    /**
     * Connects to every listener, one connection each per round, all rounds in parallel, until a
     * round's connection to a listener is not answered: then that listener drops SYNs.
     */
    private void fillQueues() throws IOException {
        List<InetSocketAddress> open = new ArrayList<>(addresses);
        try (Selector selector = Selector.open()) {
            for (int round = 0; round < MAX_FILL && !open.isEmpty(); round++) {
                Map<InetSocketAddress, SocketChannel> tries = new HashMap<>();
                for (InetSocketAddress target : open) {
                    SocketChannel c = SocketChannel.open();
                    c.configureBlocking(false);
                    tries.put(target, c);
                    if (!c.connect(target)) {
                        c.register(selector, SelectionKey.OP_CONNECT, target);
                    }
                }
                long deadline = System.nanoTime() + DROPPED_MILLIS * 1_000_000;
                Set<InetSocketAddress> answered = new HashSet<>();
                for (Map.Entry<InetSocketAddress, SocketChannel> e : tries.entrySet()) {
                    if (e.getValue().isConnected()) {
                        answered.add(e.getKey());
                    }
                }
                long left;
                while (answered.size() < tries.size() && (left = deadline - System.nanoTime()) > 0) {
                    selector.select(Math.max(1, left / 1_000_000));
                    for (SelectionKey key : selector.selectedKeys()) {
                        SocketChannel c = (SocketChannel) key.channel();
                        c.finishConnect();
                        key.cancel();
                        answered.add((InetSocketAddress) key.attachment());
                    }
                    selector.selectedKeys().clear();
                }
                List<InetSocketAddress> stillOpen = new ArrayList<>();
                for (Map.Entry<InetSocketAddress, SocketChannel> e : tries.entrySet()) {
                    if (answered.contains(e.getKey())) {
                        fill.add(e.getValue());
                        stillOpen.add(e.getKey());
                    } else {
                        e.getValue().close(); // its SYN was dropped: the queue is full
                    }
                }
                selector.selectNow(); // deregisters cancelled keys
                open = stillOpen;
            }
        }
        if (!open.isEmpty()) {
            throw new IOException(open.get(0) + " and " + (open.size() - 1) + " others still complete handshakes after "
                    + MAX_FILL + " connections: their accept queues do not fill (backlog ignored?)");
        }
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
