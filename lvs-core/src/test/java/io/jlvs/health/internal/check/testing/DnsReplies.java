package io.jlvs.health.internal.check.testing;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.util.List;
import java.util.function.UnaryOperator;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** Builds DNS replies for the test servers (UDP and TCP), with dnsjava. */
public final class DnsReplies {
    private DnsReplies() {}

    /** A reply to {@code query} with {@code rcode} and {@code answers}, optionally marked truncated. */
    public static byte[] reply(byte[] query, int rcode, List<Record> answers, boolean truncated) {
        try {
            Message request = new Message(query);
            Message reply = new Message(request.getHeader().getID());
            reply.getHeader().setFlag(Flags.QR);
            reply.getHeader().setFlag(Flags.AA);
            if (truncated) {
                reply.getHeader().setFlag(Flags.TC);
            }
            reply.getHeader().setRcode(rcode);
            reply.addRecord(request.getQuestion(), Section.QUESTION);
            for (Record answer : answers) {
                reply.addRecord(answer, Section.ANSWER);
            }
            return reply.toWire();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A UDP reply function answering NOERROR with {@code answers}. */
    public static UnaryOperator<byte[]> answering(List<Record> answers) {
        return query -> reply(query, Rcode.NOERROR, answers, false);
    }

    /** A TCP behaviour answering one length-prefixed query with {@code answers} (RFC 1035 4.2.2). */
    public static TcpServer.Behaviour overTcp(List<Record> answers) {
        return (Socket socket) -> {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] query = new byte[in.readUnsignedShort()];
            in.readFully(query);
            byte[] reply = reply(query, Rcode.NOERROR, answers, false);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeShort(reply.length);
            out.write(reply);
            out.flush();
            in.read();
        };
    }
}
