package io.jlvs.health.internal.check.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/** A UDP server on 127.0.0.1 answering each datagram with what a function makes of it (null = silence). */
public final class UdpServer implements AutoCloseable {
    private final DatagramSocket socket;
    private final Thread loop;

    private UdpServer(DatagramSocket socket, UnaryOperator<byte[]> reply) {
        this.socket = socket;
        this.loop = Thread.ofVirtual().name("test-udp").start(() -> serve(reply));
    }

    public static UdpServer start(UnaryOperator<byte[]> reply) {
        return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), reply);
    }

    /** On a given address, e.g. the port of a TCP server, as DNS serves both on one port. */
    public static UdpServer start(InetSocketAddress address, UnaryOperator<byte[]> reply) {
        try {
            return new UdpServer(new DatagramSocket(address), reply);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A UDP port on 127.0.0.1 that nothing listens on, so datagrams draw ICMP port unreachable. */
    public static InetSocketAddress closedPort() {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), s.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(socket.getLocalAddress(), socket.getLocalPort());
    }

    private void serve(UnaryOperator<byte[]> reply) {
        byte[] buffer = new byte[65536];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                byte[] answer = reply.apply(Arrays.copyOf(buffer, packet.getLength()));
                if (answer != null) {
                    socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        socket.close();
        TcpServer.join(loop);
    }
}
