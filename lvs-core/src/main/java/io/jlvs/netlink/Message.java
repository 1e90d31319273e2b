package io.jlvs.netlink;

import static io.jlvs.netlink.NetlinkConstants.GENL_HDRLEN;
import static io.jlvs.netlink.NetlinkConstants.NLMSG_HDRLEN;
import static io.jlvs.netlink.NetlinkConstants.align;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * One received netlink message: its header fields and a view of its payload
 * ({@code payloadOffset .. payloadEnd} in {@link #buffer()}). Views the receive buffer; decode it
 * before the next receive.
 */
public record Message(int type, int flags, int seq, int portId, ByteBuffer buffer, int payloadOffset, int payloadEnd) {

    public int payloadLength() {
        return payloadEnd - payloadOffset;
    }

    public boolean hasFlag(int flag) {
        return (flags & flag) != 0;
    }

    /** The generic-netlink command (first byte of struct genlmsghdr). */
    public int genlCommand() {
        if (payloadLength() < GENL_HDRLEN) {
            throw new MalformedMessageException("generic netlink message of " + payloadLength()
                    + " bytes has no genlmsghdr");
        }
        return Byte.toUnsignedInt(buffer.get(payloadOffset));
    }

    /** The attributes after a fixed header of {@code headerLength} bytes (GENL_HDRLEN for generic netlink). */
    public Attributes attributes(int headerLength) {
        if (payloadLength() < headerLength) {
            throw new MalformedMessageException("message type " + type + " of " + payloadLength()
                    + " payload bytes is shorter than its " + headerLength + "-byte header");
        }
        return Attributes.parse(buffer, payloadOffset + align(headerLength), Math.max(payloadOffset + align(headerLength), payloadEnd));
    }

    /** Generic-netlink attributes (after struct genlmsghdr). */
    public Attributes genlAttributes() {
        return attributes(GENL_HDRLEN);
    }

    /**
     * Splits {@code length} bytes of {@code buf} (from 0) into messages. A header that claims more
     * bytes than remain, or fewer than a header, is malformed: a datagram never holds half a message.
     */
    public static void parseAll(ByteBuffer buf, int length, Consumer<Message> sink) {
        int pos = 0;
        while (pos < length) {
            if (length - pos < NLMSG_HDRLEN) {
                throw new MalformedMessageException(length - pos + " trailing bytes at offset " + pos
                        + " are too few for a netlink header");
            }
            int msgLen = buf.getInt(pos);
            if (msgLen < NLMSG_HDRLEN || msgLen > length - pos) {
                throw new MalformedMessageException("message at offset " + pos + " claims "
                        + Integer.toUnsignedString(msgLen) + " bytes, " + (length - pos) + " remain");
            }
            int type = Short.toUnsignedInt(buf.getShort(pos + 4));
            int flags = Short.toUnsignedInt(buf.getShort(pos + 6));
            int seq = buf.getInt(pos + 8);
            int portId = buf.getInt(pos + 12);
            sink.accept(new Message(type, flags, seq, portId, buf, pos + NLMSG_HDRLEN, pos + msgLen));
            pos += align(msgLen);
        }
    }
}
