package io.jlvs.health.internal.check;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.SocketFactory;

/**
 * The bounds of one conversation with a real server: a deadline, and a cap on the bytes read from it.
 *
 * <p>Commons Net reads a reply line with {@code BufferedReader.readLine} (and a multi-line reply into
 * a list), which grows for as long as the server keeps sending; a read that always finds data waiting
 * never blocks, so neither SO_TIMEOUT nor an interrupt ever stops it. One real server answering
 * "220 " and then an endless line filled jlvsd's heap. The bounds therefore live in the socket, which
 * Commons Net takes from {@link #socketFactory()}: every read first checks the deadline and the byte
 * count, and {@link #close()}, or the deadline passing, closes every socket, so a write the server
 * never reads cannot hold the probe either.
 */
public final class ConversationBounds implements AutoCloseable {
    private final Deadline deadline;
    private final int maxBytes;
    private final AtomicLong bytesRead = new AtomicLong();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean overflowed;
    private Thread closer;

    /** Raised by a read once {@code maxBytes} have been read: the server said more than any sane reply. */
    public static final class ReplyTooLongException extends IOException {
        ReplyTooLongException(int maxBytes) {
            super("more than " + maxBytes + " bytes without finishing its replies");
        }
    }

    public ConversationBounds(Deadline deadline, int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("byte cap must be positive: " + maxBytes);
        }
        this.deadline = deadline;
        this.maxBytes = maxBytes;
    }

    public Deadline deadline() {
        return deadline;
    }

    public int maxBytes() {
        return maxBytes;
    }

    /** Bytes read so far over every socket made here; never more than {@link #maxBytes()}. */
    public long bytesRead() {
        return bytesRead.get();
    }

    /** Whether a read was refused because the cap was reached. */
    public boolean overflowed() {
        return overflowed;
    }

    /** Sockets whose input obeys these bounds, closed at the deadline; Commons Net connects them itself. */
    public SocketFactory socketFactory() {
        return new SocketFactory() {
            @Override
            public Socket createSocket() {
                return track(new BoundedSocket());
            }

            // Commons Net only asks for unconnected sockets (it binds and connects them itself)
            @Override
            public Socket createSocket(String host, int port) {
                throw new UnsupportedOperationException("connected sockets are not made here");
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress local, int localPort) {
                throw new UnsupportedOperationException("connected sockets are not made here");
            }

            @Override
            public Socket createSocket(InetAddress host, int port) {
                throw new UnsupportedOperationException("connected sockets are not made here");
            }

            @Override
            public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) {
                throw new UnsupportedOperationException("connected sockets are not made here");
            }
        };
    }

    private synchronized Socket track(Socket socket) {
        sockets.add(socket);
        if (closer == null) {
            closer = Thread.ofVirtual().name("jlvs-probe-deadline").start(this::closeAtDeadline);
        }
        return socket;
    }

    private void closeAtDeadline() {
        try {
            Thread.sleep(java.time.Duration.ofMillis(deadline.remainingMillis()));
        } catch (InterruptedException | java.net.SocketTimeoutException e) {
            // interrupted by close(), or already past the deadline: close now either way
        }
        closeSockets();
    }

    private void closeSockets() {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is all that is wanted
            }
        }
    }

    /** Closes every socket and stops the deadline's watcher. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            t = closer;
        }
        if (t != null) {
            t.interrupt();
        }
        closeSockets();
    }

    /**
     * A socket whose input is bounded by the conversation's deadline and byte cap. The client's own
     * SO_TIMEOUT (Commons Net's wait for one reply) still applies when it is shorter than what is left
     * of the deadline.
     */
    private final class BoundedSocket extends Socket {
        private InputStream input;
        private volatile int requestedTimeout;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (input == null) {
                input = new CappedInputStream(this, super.getInputStream());
            }
            return input;
        }

        @Override
        public void setSoTimeout(int timeout) throws java.net.SocketException {
            requestedTimeout = timeout;
            super.setSoTimeout(timeout);
        }

        /** Arms SO_TIMEOUT for the next read: what the client asked for, cut to the deadline. */
        void arm() throws IOException {
            int left = deadline.remainingMillis();
            int requested = requestedTimeout;
            super.setSoTimeout(requested > 0 ? Math.min(requested, left) : left);
        }
    }

    /** Reads at most what is left of the cap and of the deadline; a read with nothing left fails. */
    private final class CappedInputStream extends FilterInputStream {
        private final BoundedSocket socket;

        CappedInputStream(BoundedSocket socket, InputStream in) {
            super(in);
            this.socket = socket;
        }

        @Override
        public int read() throws IOException {
            left();
            socket.arm();
            int b = super.read();
            if (b >= 0) {
                bytesRead.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int allowed = (int) Math.min(len, left());
            socket.arm();
            int n = super.read(b, off, allowed);
            if (n > 0) {
                bytesRead.addAndGet(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            return super.skip(Math.min(n, left()));
        }

        private long left() throws ReplyTooLongException {
            long left = maxBytes - bytesRead.get();
            if (left <= 0) {
                overflowed = true;
                throw new ReplyTooLongException(maxBytes);
            }
            return left;
        }
    }
}
