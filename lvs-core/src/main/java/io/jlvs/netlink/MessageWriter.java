package io.jlvs.netlink;

import static io.jlvs.netlink.NetlinkConstants.GENL_HDRLEN;
import static io.jlvs.netlink.NetlinkConstants.NLA_F_NESTED;
import static io.jlvs.netlink.NetlinkConstants.NLA_HDRLEN;
import static io.jlvs.netlink.NetlinkConstants.NLMSG_HDRLEN;
import static io.jlvs.netlink.NetlinkConstants.align;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes netlink messages, one after another, into a growable direct buffer in host byte order
 * (netlink is host-endian; attributes the kernel wants in network order say so: {@link #putBe16}).
 * A message is opened with {@link #beginMessage}, filled, and closed with {@link #endMessage}, which
 * patches its length; nested attributes work the same way. Many messages in one writer become one
 * {@code sendto} (batching).
 */
public final class MessageWriter {
    private ByteBuffer buf;
    private int messageStart = -1;
    private int lastMessageStart = -1;
    private int messages;

    public MessageWriter(int initialCapacity) {
        buf = ByteBuffer.allocateDirect(Math.max(64, initialCapacity)).order(ByteOrder.nativeOrder());
    }

    public MessageWriter() {
        this(4096);
    }

    /** Starts a message: writes struct nlmsghdr with a length patched by {@link #endMessage}. */
    public MessageWriter beginMessage(int type, int flags, int seq, int portId) {
        if (messageStart >= 0) {
            throw new IllegalStateException("message at offset " + messageStart + " not ended");
        }
        ensure(NLMSG_HDRLEN);
        messageStart = buf.position();
        buf.putInt(0).putShort((short) type).putShort((short) flags).putInt(seq).putInt(portId);
        return this;
    }

    /** Writes struct genlmsghdr: the command and family version, reserved 0. */
    public MessageWriter genlHeader(int command, int version) {
        ensure(GENL_HDRLEN);
        buf.put((byte) command).put((byte) version).putShort((short) 0);
        return this;
    }

    /** Closes the current message: patches nlmsg_len and pads to the 4-byte boundary. */
    public MessageWriter endMessage() {
        if (messageStart < 0) {
            throw new IllegalStateException("no message begun");
        }
        buf.putInt(messageStart, buf.position() - messageStart);
        pad();
        lastMessageStart = messageStart;
        messageStart = -1;
        messages++;
        return this;
    }

    /**
     * Adds {@code flags} to the nlmsg_flags of the last message ended: for a batch that learns which
     * message is its last only after writing it (the datagram filled up).
     */
    public MessageWriter addFlagsToLastMessage(int flags) {
        if (lastMessageStart < 0) {
            throw new IllegalStateException("no message ended");
        }
        int at = lastMessageStart + 6; // struct nlmsghdr: u32 len, u16 type, u16 flags
        buf.putShort(at, (short) (buf.getShort(at) | flags));
        return this;
    }

    public MessageWriter putU8(int type, int value) {
        header(type, 1).put((byte) value);
        pad();
        return this;
    }

    public MessageWriter putU16(int type, int value) {
        header(type, 2).putShort((short) value);
        pad();
        return this;
    }

    /** A 16-bit value in network byte order (IPVS ports, for instance). */
    public MessageWriter putBe16(int type, int value) {
        header(type, 2).put((byte) (value >>> 8)).put((byte) value);
        pad();
        return this;
    }

    public MessageWriter putU32(int type, int value) {
        header(type, 4).putInt(value);
        return this;
    }

    /** A 32-bit value in network byte order (IPv4 netmasks, for instance). */
    public MessageWriter putBe32(int type, int value) {
        header(type, 4).put((byte) (value >>> 24)).put((byte) (value >>> 16)).put((byte) (value >>> 8)).put((byte) value);
        return this;
    }

    public MessageWriter putU64(int type, long value) {
        header(type, 8).putLong(value);
        return this;
    }

    public MessageWriter putBytes(int type, byte[] value) {
        header(type, value.length).put(value);
        pad();
        return this;
    }

    /** A NUL-terminated string (NLA_NUL_STRING / NLA_STRING with the terminator kernel code expects). */
    public MessageWriter putString(int type, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        header(type, bytes.length + 1).put(bytes).put((byte) 0);
        pad();
        return this;
    }

    /** A zero-length attribute whose presence is the value (NLA_FLAG). */
    public MessageWriter putFlag(int type) {
        header(type, 0);
        return this;
    }

    /** Opens a nested attribute; pass the returned mark to {@link #endNested}. */
    public int beginNested(int type) {
        int mark = buf.position();
        header(type | NLA_F_NESTED, 0);
        return mark;
    }

    public MessageWriter endNested(int mark) {
        int length = buf.position() - mark;
        if (length > 0xffff) {
            // nla_len is 16 bits: a longer nest would be written with a wrapped-around length.
            throw new IllegalArgumentException("nested attribute at offset " + mark + " too long: " + length + " bytes");
        }
        buf.putShort(mark, (short) length);
        return this;
    }

    /** Raw bytes inside the current message, for fixed headers other than genl (rtnetlink's ifaddrmsg). */
    public MessageWriter putRaw(byte[] bytes) {
        ensure(bytes.length);
        buf.put(bytes);
        pad();
        return this;
    }

    /** Bytes written so far (all complete messages plus any open one). */
    public int size() {
        return buf.position();
    }

    /** Number of messages ended since the last {@link #clear}. */
    public int messageCount() {
        return messages;
    }

    /** A view of the written bytes (do not write through it), position 0, limit = size; valid until the next write. */
    public ByteBuffer flip() {
        if (messageStart >= 0) {
            throw new IllegalStateException("message at offset " + messageStart + " not ended");
        }
        return buf.duplicate().flip().order(buf.order());
    }

    /** Drops everything written, keeping the buffer for reuse. */
    public MessageWriter clear() {
        buf.clear();
        messageStart = -1;
        lastMessageStart = -1;
        messages = 0;
        return this;
    }

    /** Bytes since the start of the current message (for extended-ack offsets in tests). */
    int offsetInMessage() {
        return buf.position() - messageStart;
    }

    private ByteBuffer header(int type, int payloadLength) {
        if (messageStart < 0) {
            throw new IllegalStateException("attribute written outside a message");
        }
        int length = NLA_HDRLEN + payloadLength;
        if (length > 0xffff) {
            throw new IllegalArgumentException("attribute " + type + " too long: " + payloadLength + " bytes");
        }
        ensure(align(length));
        buf.putShort((short) length).putShort((short) type);
        return buf;
    }

    private void pad() {
        int padded = align(buf.position());
        ensure(padded - buf.position());
        while (buf.position() < padded) {
            buf.put((byte) 0);
        }
    }

    private void ensure(int more) {
        if (buf.remaining() >= more) {
            return;
        }
        int needed = buf.position() + more;
        int capacity = buf.capacity();
        while (capacity < needed) {
            capacity = Math.multiplyExact(capacity, 2);
        }
        ByteBuffer bigger = ByteBuffer.allocateDirect(capacity).order(buf.order());
        bigger.put(buf.flip());
        buf = bigger;
    }
}
