package io.jlvs.health.internal.check.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A listener on 127.0.0.1 that never accepts, its accept queue (backlog 1) filled by connections made
 * here: Linux drops further SYNs, so connects to it time out, as to a host that is gone.
 */
public final class FullBacklogServer implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> fill = new ArrayList<>();

    public FullBacklogServer() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        for (int i = 0; i < 16; i++) {
            Socket s = new Socket();
            try {
                s.connect(address(), 200);
            } catch (SocketTimeoutException e) {
                s.close();
                return; // the SYN was dropped: the queue is full
            }
            fill.add(s);
        }
        close();
        throw new IOException("the accept queue of " + address() + " did not fill");
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    @Override
    public void close() throws IOException {
        for (Socket s : fill) {
            s.close();
        }
        server.close();
    }
}
