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
 * N TCP listeners, one per loopback address 127.1.x.y (all of 127/8 is local on Linux, so no address
 * needs adding), on ephemeral ports, served by one selector thread that accepts each connection and
 * closes it at once. The close is an ordinary FIN (a reset could reach the prober before its connect
 * has completed, failing the probe); the TCP check then resets its side, which ends both sockets
 * without a TIME_WAIT pile-up at 10,000 connections a second.
 */
final class LoopbackListeners implements AutoCloseable {
    /** The second octet of this kind's addresses, 127.1.x.y: the run tells the kinds apart by it. */
    static final byte SECOND_OCTET = 1;

    private final Selector selector;
    private final List<ServerSocketChannel> channels = new ArrayList<>();
    private final List<InetSocketAddress> addresses = new ArrayList<>();
    private final Thread acceptor;
    private volatile boolean closed;
    private volatile IOException failure;
    private long accepted;

    LoopbackListeners(int count) throws IOException {
        if (count < 1 || count > 250 * 250) {
            throw new IllegalArgumentException("listener count must be 1..62500, got " + count);
        }
        selector = Selector.open();
        try {
            for (int i = 0; i < count; i++) {
                InetAddress address = InetAddress.getByAddress(new byte[] {127, SECOND_OCTET, (byte) (i / 250), (byte) (i % 250 + 1)});
                ServerSocketChannel ch = ServerSocketChannel.open();
                channels.add(ch);
                ch.bind(new InetSocketAddress(address, 0), 128);
                ch.configureBlocking(false);
                ch.register(selector, SelectionKey.OP_ACCEPT);
                addresses.add((InetSocketAddress) ch.getLocalAddress());
            }
        } catch (IOException e) {
            close();
            throw new IOException("opening listener " + (channels.size()) + " of " + count
                    + " (raise the open-file limit, ulimit -n, above " + (count + 1000) + "): " + e.getMessage(), e);
        }
        acceptor = Thread.ofPlatform().daemon().name("bench-listeners").start(this::acceptLoop);
    }

    List<InetSocketAddress> addresses() {
        return List.copyOf(addresses);
    }

    /** Throws if the accepting thread stopped on an error (then connects were no longer accepted). */
    void checkServing() throws IOException {
        if (failure != null) {
            throw new IOException("the loopback listeners stopped accepting: " + failure.getMessage()
                    + (failure.getMessage() != null && failure.getMessage().contains("open files")
                            ? " (raise the open-file limit, ulimit -n)" : ""), failure);
        }
    }

    private void acceptLoop() {
        try {
            while (!closed) {
                selector.select(200);
                for (SelectionKey key : selector.selectedKeys()) {
                    ServerSocketChannel ch = (ServerSocketChannel) key.channel();
                    // One accept per readiness: the selector reports a listener again while it has more,
                    // and a second accept would mostly cost a syscall that finds nothing.
                    SocketChannel c = ch.accept();
                    if (c != null) {
                        accepted++;
                        c.close();
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            if (!closed) {
                failure = e;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            if (acceptor != null) {
                acceptor.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ServerSocketChannel ch : channels) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing is all we want
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing is all we want
        }
    }
}
