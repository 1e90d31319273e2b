package io.jlvs.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP echo server living in a test's network namespace, and clients that connect from the same
 * namespace: enough real traffic for IPVS to schedule connections and count packets. Sockets are
 * created on a thread that entered the namespace (so they belong to it) and used from any thread.
 * Every socket and thread is closed or joined, with a bound, by {@link #close()}.
 */
public final class TcpEcho implements AutoCloseable {
    private static final int TIMEOUT_MILLIS = 10_000;

    private final ServerSocket server;
    private final Thread acceptor;
    private final List<Socket> accepted = new ArrayList<>();
    private final List<Thread> handlers = new ArrayList<>();

    private TcpEcho(ServerSocket server) {
        this.server = server;
        this.acceptor = Thread.ofPlatform().daemon().name("tcp-echo-accept").unstarted(this::acceptLoop);
    }

    /** Listens on {@code address:port} inside {@code ns} and echoes every connection until its peer closes. */
    public static TcpEcho listen(KernelNamespace ns, InetAddress address, int port) {
        ServerSocket server = ns.inside(() -> {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(address, port));
            return s;
        });
        TcpEcho echo = new TcpEcho(server);
        echo.acceptor.start();
        return echo;
    }

    /** A connection from inside {@code ns} to {@code address:port}; the caller closes it. */
    public static Socket connect(KernelNamespace ns, InetAddress address, int port) {
        return ns.inside(() -> {
            Socket s = new Socket();
            s.connect(new InetSocketAddress(address, port), TIMEOUT_MILLIS);
            s.setSoTimeout(TIMEOUT_MILLIS);
            return s;
        });
    }

    /** Sends {@code text} and reads it back; fails the test if the echo differs. */
    public static void roundTrip(Socket socket, String text) {
        byte[] sent = text.getBytes(StandardCharsets.UTF_8);
        try {
            socket.getOutputStream().write(sent);
            socket.getOutputStream().flush();
            byte[] back = socket.getInputStream().readNBytes(sent.length);
            if (!text.equals(new String(back, StandardCharsets.UTF_8))) {
                throw new AssertionError("echo of '" + text + "' came back as '" + new String(back, StandardCharsets.UTF_8) + "'");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("round trip through " + socket, e);
        }
    }

    /**
     * One whole connection: connect, echo {@code text}, close, and wait until the server has closed its
     * side too, so that every packet of the connection has been through IPVS when this returns.
     */
    public static void oneConnection(KernelNamespace ns, InetAddress address, int port, String text) {
        try (Socket s = connect(ns, address, port)) {
            roundTrip(s, text);
            s.shutdownOutput();
            if (s.getInputStream().read() != -1) {
                throw new AssertionError("server sent more than the echo");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("connection to " + address.getHostAddress() + ":" + port, e);
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            Thread handler = Thread.ofPlatform().daemon().name("tcp-echo").unstarted(() -> echo(s));
            synchronized (this) {
                accepted.add(s);
                handlers.add(handler);
            }
            handler.start();
        }
    }

    private static void echo(Socket s) {
        try (s; InputStream in = s.getInputStream()) {
            s.setSoTimeout(TIMEOUT_MILLIS);
            byte[] buffer = new byte[4096];
            int n;
            while ((n = in.read(buffer)) > 0) {
                s.getOutputStream().write(buffer, 0, n);
                s.getOutputStream().flush();
            }
        } catch (SocketException e) {
            // closed by close() or reset by the peer: nothing left to echo
        } catch (IOException e) {
            // a timeout: the client went away without closing; close our side
        }
    }

    /** How many connections the server has accepted. */
    public synchronized int acceptedCount() {
        return accepted.size();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing is all we want
        }
        List<Socket> sockets;
        List<Thread> threads;
        synchronized (this) {
            sockets = List.copyOf(accepted);
            threads = List.copyOf(handlers);
        }
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing is all we want
            }
        }
        join(acceptor);
        threads.forEach(TcpEcho::join);
    }

    private static void join(Thread t) {
        try {
            if (!t.join(Duration.ofSeconds(10))) {
                throw new AssertionError(t.getName() + " did not end within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
