package io.jlvs.netlink;

import static io.jlvs.netlink.NetlinkConstants.NLA_HDRLEN;
import static io.jlvs.netlink.NetlinkConstants.NLA_TYPE_MASK;
import static io.jlvs.netlink.NetlinkConstants.align;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * The attributes of one message (or one nested attribute), parsed and bounds-checked up front so that
 * every accessor afterwards is safe: a truncated or lying length becomes a
 * {@link MalformedMessageException}, never an index error or a hang. Views the buffer it was parsed
 * from; decode what you need before that buffer is reused.
 */
public final class Attributes {
    private static final int[] NONE = new int[0];

    private final ByteBuffer buf;
    // Triples of (type, payload offset, payload length), in wire order.
    private final int[] entries;
    private final int count;

    private Attributes(ByteBuffer buf, int[] entries, int count) {
        this.buf = buf;
        this.entries = entries;
        this.count = count;
    }

    /** Parses the attributes in {@code buf} from {@code offset} (inclusive) to {@code end} (exclusive). */
    public static Attributes parse(ByteBuffer buf, int offset, int end) {
        if (offset < 0 || end > buf.limit() || offset > end) {
            throw new MalformedMessageException("attribute region " + offset + ".." + end
                    + " outside buffer of " + buf.limit() + " bytes");
        }
        int[] entries = NONE;
        int count = 0;
        int pos = offset;
        while (end - pos >= NLA_HDRLEN) {
            int length = Short.toUnsignedInt(buf.getShort(pos));
            int type = Short.toUnsignedInt(buf.getShort(pos + 2)) & NLA_TYPE_MASK;
            if (length < NLA_HDRLEN || length > end - pos) {
                throw new MalformedMessageException("attribute type " + type + " at offset " + pos
                        + " claims " + length + " bytes, " + (end - pos) + " remain");
            }
            if (count * 3 == entries.length) {
                entries = Arrays.copyOf(entries, Math.max(24, entries.length * 2));
            }
            entries[count * 3] = type;
            entries[count * 3 + 1] = pos + NLA_HDRLEN;
            entries[count * 3 + 2] = length - NLA_HDRLEN;
            count++;
            // The last attribute may omit its padding; never step past the end.
            pos = Math.min(end, pos + align(length));
        }
        // Fewer than NLA_HDRLEN bytes of trailing padding are tolerated, as the kernel's nla_parse does.
        return new Attributes(buf, entries, count);
    }

    public boolean has(int type) {
        return find(type) >= 0;
    }

    /** Number of attributes (repeats included). */
    public int size() {
        return count;
    }

    public int u8(int type) {
        return Byte.toUnsignedInt(buf.get(payload(type, 1)));
    }

    public int u16(int type) {
        return Short.toUnsignedInt(buf.getShort(payload(type, 2)));
    }

    /** A 16-bit value sent in network byte order. */
    public int be16(int type) {
        int at = payload(type, 2);
        return (Byte.toUnsignedInt(buf.get(at)) << 8) | Byte.toUnsignedInt(buf.get(at + 1));
    }

    public int u32(int type) {
        return buf.getInt(payload(type, 4));
    }

    /** A 32-bit value sent in network byte order. */
    public int be32(int type) {
        int at = payload(type, 4);
        return (Byte.toUnsignedInt(buf.get(at)) << 24) | (Byte.toUnsignedInt(buf.get(at + 1)) << 16)
                | (Byte.toUnsignedInt(buf.get(at + 2)) << 8) | Byte.toUnsignedInt(buf.get(at + 3));
    }

    public long u64(int type) {
        return buf.getLong(payload(type, 8));
    }

    /** The payload bytes, copied. */
    public byte[] bytes(int type) {
        int i = require(type);
        byte[] out = new byte[entries[i + 2]];
        buf.get(entries[i + 1], out);
        return out;
    }

    /** A string attribute, up to its first NUL (NLA_NUL_STRING) or its end (NLA_STRING). */
    public String string(int type) {
        int i = require(type);
        int start = entries[i + 1];
        int length = entries[i + 2];
        int n = 0;
        while (n < length && buf.get(start + n) != 0) {
            n++;
        }
        byte[] out = new byte[n];
        buf.get(start, out);
        return new String(out, StandardCharsets.UTF_8);
    }

    /** The attributes nested inside attribute {@code type}. */
    public Attributes nested(int type) {
        int i = require(type);
        return parse(buf, entries[i + 1], entries[i + 1] + entries[i + 2]);
    }

    /** Visits every attribute in wire order as (type, its payload parsed as nested attributes). */
    public void forEachNested(BiConsumer<Integer, Attributes> visitor) {
        for (int k = 0; k < count; k++) {
            int i = k * 3;
            visitor.accept(entries[i], parse(buf, entries[i + 1], entries[i + 1] + entries[i + 2]));
        }
    }

    /** Length of the payload of attribute {@code type}. */
    public int length(int type) {
        return entries[require(type) + 2];
    }

    private int payload(int type, int expectedLength) {
        int i = require(type);
        if (entries[i + 2] < expectedLength) {
            throw new MalformedMessageException("attribute type " + type + " has " + entries[i + 2]
                    + " bytes, expected " + expectedLength);
        }
        return entries[i + 1];
    }

    private int require(int type) {
        int i = find(type);
        if (i < 0) {
            throw new MalformedMessageException("attribute type " + type + " missing");
        }
        return i;
    }

    // Last occurrence wins, as in the kernel's nla_parse.
    private int find(int type) {
        for (int k = count - 1; k >= 0; k--) {
            if (entries[k * 3] == type) {
                return k * 3;
            }
        }
        return -1;
    }
}
