package io.jlvs.ipvs.internal;

import static io.jlvs.netlink.NetlinkConstants.GENL_HDRLEN;
import static io.jlvs.netlink.NetlinkConstants.NLMSG_HDRLEN;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlvs.netlink.Attributes;
import io.jlvs.netlink.Message;
import io.jlvs.netlink.MessageWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds and parses single generic-netlink messages for the IpvsCodec tests, through the production
 * {@link MessageWriter}, {@link Message#parseAll} and {@link Message#genlAttributes}: what a decoder
 * sees in these tests is what it sees from a socket.
 */
final class IpvsCodecTestMessages {
    /** A made-up generic-netlink family id for IPVS (the real one is assigned at registration). */
    static final int FAMILY_ID = 0x23;
    /** Where the attributes start: struct nlmsghdr, then struct genlmsghdr. */
    static final int ATTRIBUTES_OFFSET = NLMSG_HDRLEN + GENL_HDRLEN;

    private IpvsCodecTestMessages() {}

    /** One IPVS message of {@code command} whose attributes {@code body} writes, as datagram bytes. */
    static byte[] message(int command, Consumer<MessageWriter> body) {
        MessageWriter w = new MessageWriter(256);
        w.beginMessage(FAMILY_ID, 0, 1, 0).genlHeader(command, IpvsUapi.IPVS_GENL_VERSION);
        body.accept(w);
        w.endMessage();
        ByteBuffer b = w.flip();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** The attributes of the one message in {@code datagram}, parsed as the client parses replies. */
    static Attributes attributes(byte[] datagram) {
        List<Message> messages = parse(datagram);
        assertEquals(1, messages.size(), "messages in the datagram");
        return messages.get(0).genlAttributes();
    }

    /** Every message in {@code datagram} (may throw MalformedMessageException, as for a socket). */
    static List<Message> parse(byte[] datagram) {
        ByteBuffer copy = ByteBuffer.wrap(datagram.clone()).order(ByteOrder.nativeOrder());
        List<Message> messages = new ArrayList<>();
        Message.parseAll(copy, datagram.length, messages::add);
        return messages;
    }

    /** The attributes {@code body} writes, read back. */
    static Attributes written(Consumer<MessageWriter> body) {
        return attributes(message(IpvsUapi.IPVS_CMD_NEW_SERVICE, body));
    }

    /** The bytes after the netlink and genl headers: the attributes exactly as on the wire. */
    static byte[] attributeBytes(Consumer<MessageWriter> body) {
        byte[] datagram = message(IpvsUapi.IPVS_CMD_NEW_SERVICE, body);
        return Arrays.copyOfRange(datagram, ATTRIBUTES_OFFSET, datagram.length);
    }

    /** A host-order (netlink's own order) byte buffer for building expected wire bytes. */
    static ByteBuffer hostOrder(int capacity) {
        return ByteBuffer.allocate(capacity).order(ByteOrder.nativeOrder());
    }

    /** The payload of attribute {@code type} in {@code attrs}. */
    static byte[] payload(Attributes attrs, int type) {
        return attrs.bytes(type);
    }
}
