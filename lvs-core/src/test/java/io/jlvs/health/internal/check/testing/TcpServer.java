package io.jlvs.health.internal.check.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP server on 127.0.0.1 that hands every accepted connection to a behaviour on its own virtual
 * thread, and remembers who connected. {@link #close()} closes every socket, which also ends
 * behaviours that wait forever (half-open servers).
 */
public final class TcpServer implements AutoCloseable {

    /** What the server does with one connection; exceptions end the connection. */
    @FunctionalInterface
    public interface Behaviour {
        void serve(Socket socket) throws Exception;
    }

    private final ServerSocket server;
    private final Behaviour behaviour;
    private final Thread acceptor;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final List<InetAddress> peers = new CopyOnWriteArrayList<>();

    private TcpServer(ServerSocket server, Behaviour behaviour) {
        this.server = server;
        this.behaviour = behaviour;
        this.acceptor = Thread.ofVirtual().name("test-tcp-accept").start(this::acceptLoop);
    }

    public static TcpServer start(Behaviour behaviour) {
        try {
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            return new TcpServer(server, behaviour);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port on 127.0.0.1 that nothing listens on (bound, then closed): connections are refused. */
    public static InetSocketAddress refusingAddress() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), s.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    /** The source addresses of the connections accepted so far. */
    public List<InetAddress> peers() {
        return List.copyOf(peers);
    }

    /** The source addresses of the first {@code count} connections, waiting up to ten seconds for them to be accepted. */
    public List<InetAddress> awaitPeers(int count) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (peers.size() < count && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        return peers();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return;
            }
            accepted.add(socket);
            peers.add(socket.getInetAddress());
            Thread.ofVirtual().name("test-tcp-conn").start(() -> {
                try (socket) {
                    behaviour.serve(socket);
                } catch (Exception ignored) {
                    // the probe went away or the test closed the server
                }
            });
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : accepted) {
            socket.close();
        }
        join(acceptor);
    }

    static void join(Thread thread) {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
