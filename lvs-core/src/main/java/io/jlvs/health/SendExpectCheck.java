package io.jlvs.health;

import io.jlvs.health.internal.check.Deadline;
import io.jlvs.health.internal.check.DeadlineInputStream;
import io.jlvs.health.internal.check.Escapes;
import io.jlvs.health.internal.check.ProbeFailedException;
import io.jlvs.health.internal.check.Probes;
import io.jlvs.health.internal.check.Sockets;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * Piranha's send/expect: connect, send some bytes, and look for an expected string or regular
 * expression in what comes back.
 *
 * <p>Over TCP: an empty {@code send} reads the server's banner (SMTP, FTP, SSH greet first); an
 * empty expectation only sends and is up once the bytes are written. The answer is read until the
 * expectation is met, the server closes, {@value #MAX_ANSWER_BYTES} bytes have come, or the read
 * timeout passes.
 *
 * <p>Over UDP: {@code send} is required (a datagram server says nothing first). The first reply
 * datagram is tested against the expectation. With no expectation, any reply is up, an ICMP port
 * unreachable is down, and silence for the whole read timeout is up: UDP cannot tell a silent
 * server from a lost packet, and Piranha treats it so too.
 *
 * @param transport TCP or UDP
 * @param send      bytes to send, with escapes {@code \r \n \t \0 \\ \xHH}; may be empty over TCP
 * @param expect    what the answer must contain
 * @param options   timeouts and source address
 */
public record SendExpectCheck(Transport transport, String send, Expectation expect, ConnectOptions options)
        implements HealthCheck {

    /** The most of an answer read while looking for the expectation. */
    public static final int MAX_ANSWER_BYTES = 64 * 1024;

    /** Which transport carries the exchange. */
    public enum Transport { TCP, UDP }

    public SendExpectCheck {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(send, "send (use \"\" to send nothing)");
        Objects.requireNonNull(expect, "expect (use Expectation.none())");
        Objects.requireNonNull(options, "options");
        Escapes.decode(send);
        if (transport == Transport.UDP && send.isEmpty()) {
            throw new IllegalArgumentException("a UDP send/expect check needs something to send");
        }
    }

    public static SendExpectCheck tcp(String send, Expectation expect) {
        return new SendExpectCheck(Transport.TCP, send, expect, ConnectOptions.defaults());
    }

    public static SendExpectCheck udp(String send, Expectation expect) {
        return new SendExpectCheck(Transport.UDP, send, expect, ConnectOptions.defaults());
    }

    public SendExpectCheck withOptions(ConnectOptions newOptions) {
        return new SendExpectCheck(transport, send, expect, newOptions);
    }

    @Override
    public ProbeResult probe(InetSocketAddress target) throws InterruptedException {
        return Probes.run(clock -> transport == Transport.TCP ? overTcp(target, clock) : overUdp(target, clock));
    }

    private ProbeResult overTcp(InetSocketAddress target, Probes.Stopwatch clock)
            throws IOException, ProbeFailedException {
        try (Socket socket = Sockets.connect(target, options)) {
            Deadline deadline = Deadline.after(options.readTimeout());
            byte[] bytes = Escapes.decode(send);
            if (bytes.length > 0) {
                socket.setSoTimeout(deadline.remainingMillis());
                socket.getOutputStream().write(bytes);
                socket.getOutputStream().flush();
            }
            if (expect.isNone()) {
                return clock.up(bytes.length == 0 ? "connected" : "sent " + bytes.length + " bytes");
            }
            Expectation.Matcher matcher = expect.matcher();
            InputStream in = new DeadlineInputStream(socket, socket.getInputStream(), deadline);
            byte[] answer = new byte[MAX_ANSWER_BYTES];
            int length = 0;
            while (length < answer.length) {
                int n;
                try {
                    n = in.read(answer, length, answer.length - length);
                } catch (SocketTimeoutException e) {
                    throw new ProbeFailedException(expect + " not seen within " + Probes.format(options.readTimeout())
                            + " (" + length + " bytes: " + Escapes.preview(answer, length, 60) + ")");
                }
                if (n < 0) {
                    throw new ProbeFailedException("connection closed without " + expect + " (" + length
                            + " bytes: " + Escapes.preview(answer, length, 60) + ")");
                }
                length += n;
                if (matcher.matches(answer, length)) {
                    return clock.up("found " + expect);
                }
            }
            throw new ProbeFailedException(expect + " not in the first " + MAX_ANSWER_BYTES + " bytes: "
                    + Escapes.preview(answer, length, 60));
        }
    }

    private ProbeResult overUdp(InetSocketAddress target, Probes.Stopwatch clock)
            throws IOException, ProbeFailedException {
        try (DatagramSocket socket = Sockets.connectUdp(target, options.source())) {
            Deadline deadline = Deadline.after(options.readTimeout());
            byte[] bytes = Escapes.decode(send);
            socket.send(new DatagramPacket(bytes, bytes.length));
            byte[] buffer = new byte[MAX_ANSWER_BYTES];
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            try {
                socket.setSoTimeout(deadline.remainingMillis());
                socket.receive(reply);
            } catch (SocketTimeoutException e) {
                if (expect.isNone()) {
                    return clock.up("no reply and no ICMP error within " + Probes.format(options.readTimeout()));
                }
                throw new ProbeFailedException("no reply within " + Probes.format(options.readTimeout()));
            }
            byte[] data = Arrays.copyOf(buffer, reply.getLength());
            if (expect.isNone() || expect.foundIn(data, data.length)) {
                return clock.up(expect.isNone() ? "replied" : "found " + expect);
            }
            throw new ProbeFailedException(expect + " not in reply: " + Escapes.preview(data, data.length, 60));
        }
    }

    @Override
    public Duration timeout() {
        return transport == Transport.TCP ? options.total() : options.readTimeout();
    }

    @Override
    public String type() {
        return transport == Transport.TCP ? "tcp" : "udp";
    }
}
