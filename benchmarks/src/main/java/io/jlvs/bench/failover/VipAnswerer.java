package io.jlvs.bench.failover;

import io.jlvs.netlink.NetworkNamespace;
import io.jlvs.sys.Syscalls;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A TCP server in a director's namespace that answers every connection with the director's name: the
 * VIP is "answered by the backup" when a client connecting to it reads the backup's name. It listens
 * on the wildcard address, so it answers on the VIP exactly while the VIP is on the director.
 */
final class VipAnswerer implements AutoCloseable {
    private final ServerSocket server;
    private final Thread thread;

    VipAnswerer(NetworkNamespace ns, int port, String name) {
        server = ns.call(Syscalls.system(), () -> {
            try {
                ServerSocket s = new ServerSocket();
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(port), 128);
                return s;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        byte[] answer = (name + "\n").getBytes(StandardCharsets.US_ASCII);
        thread = Thread.ofPlatform().daemon(true).name("vip-answerer-" + name).start(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                    out.write(answer);
                } catch (IOException e) {
                    // closed, or a client gone: next one
                }
            }
        });
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
