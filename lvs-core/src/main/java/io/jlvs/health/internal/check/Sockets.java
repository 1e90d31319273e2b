package io.jlvs.health.internal.check;

import io.jlvs.health.ConnectOptions;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Optional;

/** Opening the sockets of a probe: bound to the source address when one is set, with the connect timeout. */
public final class Sockets {
    private Sockets() {}

    /** A connected TCP socket; the caller closes it. A connect timeout is a {@link ProbeFailedException}. */
    public static Socket connect(InetSocketAddress target, ConnectOptions options)
            throws IOException, ProbeFailedException {
        return connect(target, options, false);
    }

    /**
     * As {@link #connect(InetSocketAddress, ConnectOptions)}; with {@code resetOnClose} the close
     * sends RST (SO_LINGER 0), leaving no TIME_WAIT behind, for connect-only probes that send no
     * data (a reset would discard data still unsent).
     */
    public static Socket connect(InetSocketAddress target, ConnectOptions options, boolean resetOnClose)
            throws IOException, ProbeFailedException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            if (resetOnClose) {
                socket.setSoLinger(true, 0);
            }
            bind(socket, options.source());
            try {
                socket.connect(target, Probes.millis(options.connectTimeout()));
            } catch (SocketTimeoutException e) {
                throw new ProbeFailedException(connectTimedOut(options));
            }
            return socket;
        } catch (IOException | ProbeFailedException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** A UDP socket bound to the source (or any) address and connected to {@code target}, so ICMP errors are seen. */
    public static DatagramSocket connectUdp(InetSocketAddress target, Optional<InetAddress> source)
            throws IOException, ProbeFailedException {
        DatagramSocket socket = new DatagramSocket(null);
        try {
            try {
                socket.bind(new InetSocketAddress(source.orElse(null), 0));
            } catch (BindException e) {
                throw new ProbeFailedException("cannot bind source address "
                        + source.map(InetAddress::getHostAddress).orElse("*") + ": " + e.getMessage());
            }
            socket.connect(target);
            return socket;
        } catch (IOException | ProbeFailedException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static void bind(Socket socket, Optional<InetAddress> source) throws IOException, ProbeFailedException {
        bindSource(source, socket::bind);
    }

    /** How a socket binds to a local address: {@code Socket::bind}, {@code SocketChannel::bind}. */
    @FunctionalInterface
    public interface Binder {
        void bind(InetSocketAddress local) throws IOException;
    }

    /** Binds to the source address, if one is set; an address this host cannot use is a {@link ProbeFailedException}. */
    public static void bindSource(Optional<InetAddress> source, Binder binder) throws IOException, ProbeFailedException {
        if (source.isEmpty()) {
            return;
        }
        try {
            binder.bind(new InetSocketAddress(source.get(), 0));
        } catch (BindException e) {
            throw new ProbeFailedException("cannot bind source address " + source.get().getHostAddress()
                    + ": " + e.getMessage());
        }
    }

    /** The reason of a connect that did not complete within its timeout. */
    public static String connectTimedOut(ConnectOptions options) {
        return "connect timed out after " + Probes.format(options.connectTimeout());
    }
}
