package io.jlvs.health.internal.check;

import io.jlvs.health.ConnectOptions;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;

/**
 * One DNS question to one server on a blocking socket, dnsjava only encoding and decoding the
 * messages: its resolvers share a selector thread and retry on their own schedule, while a check
 * wants one exchange on its own socket, bound to its source, within its deadline.
 */
public final class DnsExchange {
    /** EDNS-less UDP messages are at most 512 bytes (RFC 1035 4.2.1); a larger reply buffer costs nothing. */
    private static final int MAX_UDP = 65535;

    private DnsExchange() {}

    /** The reply to {@code question}: over UDP then TCP if truncated, or over TCP only. */
    public static Message ask(InetSocketAddress server, ConnectOptions options, Record question, boolean tcpOnly)
            throws IOException, ProbeFailedException {
        Message query = Message.newQuery(question);
        Deadline deadline = Deadline.after(options.readTimeout());
        if (!tcpOnly) {
            Message reply = overUdp(server, options, query, deadline);
            if (!reply.getHeader().getFlag(Flags.TC)) {
                return reply;
            }
        }
        return overTcp(server, options, query);
    }

    private static Message overUdp(InetSocketAddress server, ConnectOptions options, Message query, Deadline deadline)
            throws IOException, ProbeFailedException {
        byte[] wire = query.toWire();
        try (DatagramSocket socket = Sockets.connectUdp(server, options.source())) {
            socket.send(new DatagramPacket(wire, wire.length));
            byte[] buffer = new byte[MAX_UDP];
            while (true) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.setSoTimeout(deadline.remainingMillis());
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    throw new ProbeFailedException("no DNS reply within " + Probes.format(options.readTimeout()));
                }
                Message reply = parse(Arrays.copyOf(buffer, packet.getLength()));
                // A reply to an earlier, timed-out query on a reused port: keep waiting (RFC 5452 4)
                if (reply.getHeader().getID() == query.getHeader().getID()) {
                    return reply;
                }
            }
        }
    }

    private static Message overTcp(InetSocketAddress server, ConnectOptions options, Message query)
            throws IOException, ProbeFailedException {
        byte[] wire = query.toWire();
        try (Socket socket = Sockets.connect(server, options)) {
            Deadline deadline = Deadline.after(options.readTimeout());
            socket.setSoTimeout(deadline.remainingMillis());
            OutputStream out = socket.getOutputStream();
            // two-byte length prefix (RFC 1035 4.2.2)
            byte[] framed = new byte[wire.length + 2];
            framed[0] = (byte) (wire.length >>> 8);
            framed[1] = (byte) wire.length;
            System.arraycopy(wire, 0, framed, 2, wire.length);
            out.write(framed);
            out.flush();
            DataInputStream in = new DataInputStream(new DeadlineInputStream(socket, socket.getInputStream(), deadline));
            try {
                int length = in.readUnsignedShort();
                byte[] reply = new byte[length];
                in.readFully(reply);
                Message message = parse(reply);
                if (message.getHeader().getID() != query.getHeader().getID()) {
                    throw new ProbeFailedException("DNS reply over TCP has ID " + message.getHeader().getID()
                            + ", not " + query.getHeader().getID());
                }
                return message;
            } catch (EOFException e) {
                throw new ProbeFailedException("connection closed before a whole DNS reply");
            } catch (SocketTimeoutException e) {
                throw new ProbeFailedException("no DNS reply over TCP within " + Probes.format(options.readTimeout()));
            }
        }
    }

    private static Message parse(byte[] bytes) throws ProbeFailedException {
        try {
            Message message = new Message(bytes);
            if (!message.getHeader().getFlag(Flags.QR)) {
                throw new ProbeFailedException("DNS reply is not a response (QR bit clear)");
            }
            return message;
        } catch (IOException e) {
            throw new ProbeFailedException("malformed DNS reply (" + bytes.length + " bytes): " + e.getMessage());
        }
    }
}
