package io.jlvs.sys;

import static io.jlvs.sys.LinuxConstants.AF_NETLINK;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Just enough netlink encoding for the syscall tests; the real codecs live in lvs-core. Layouts from
 * {@code include/uapi/linux/netlink.h} and {@code genetlink.h}; all fields in host byte order.
 */
final class NetlinkMessages {
    private NetlinkMessages() {}

    static final int SOCKADDR_NL_SIZE = 12; // struct sockaddr_nl: family u16, pad u16, pid u32, groups u32
    static final int NLMSG_HDRLEN = 16;     // struct nlmsghdr: len u32, type u16, flags u16, seq u32, pid u32
    static final int GENL_HDRLEN = 4;       // struct genlmsghdr: cmd u8, version u8, reserved u16

    static final int NLMSG_ERROR = 2;
    static final int NLM_F_REQUEST = 0x1;
    static final int NLM_F_ACK = 0x4;

    static final int GENL_ID_CTRL = 0x10;
    static final int CTRL_CMD_GETFAMILY = 3;
    static final int CTRL_ATTR_FAMILY_ID = 1;
    static final int CTRL_ATTR_FAMILY_NAME = 2;

    static ByteBuffer direct(int capacity) {
        return ByteBuffer.allocateDirect(capacity).order(ByteOrder.nativeOrder());
    }

    /** A sockaddr_nl at {@code buf}'s position, which is left unchanged. */
    static ByteBuffer putSockaddrNl(ByteBuffer buf, int portId, int groups) {
        int at = buf.position();
        buf.putShort(at, (short) AF_NETLINK).putShort(at + 2, (short) 0).putInt(at + 4, portId).putInt(at + 8, groups);
        return buf;
    }

    static ByteBuffer sockaddrNl(int portId) {
        return putSockaddrNl(direct(SOCKADDR_NL_SIZE), portId, 0);
    }

    /** CTRL_CMD_GETFAMILY for {@code familyName}, flipped and ready to send. */
    static ByteBuffer getFamilyRequest(String familyName, int seq) {
        byte[] name = (familyName + "\0").getBytes(StandardCharsets.US_ASCII);
        int attrLength = 4 + name.length;
        int length = NLMSG_HDRLEN + GENL_HDRLEN + align4(attrLength);
        ByteBuffer buf = direct(length);
        buf.putInt(length).putShort((short) GENL_ID_CTRL).putShort((short) (NLM_F_REQUEST | NLM_F_ACK)).putInt(seq).putInt(0);
        buf.put((byte) CTRL_CMD_GETFAMILY).put((byte) 1).putShort((short) 0);
        buf.putShort((short) attrLength).putShort((short) CTRL_ATTR_FAMILY_NAME).put(name);
        buf.position(length);
        return buf.flip();
    }

    static int messageLength(ByteBuffer buf, int at) {
        return buf.getInt(at);
    }

    static int messageType(ByteBuffer buf, int at) {
        return Short.toUnsignedInt(buf.getShort(at + 4));
    }

    static int messageSeq(ByteBuffer buf, int at) {
        return buf.getInt(at + 8);
    }

    /** The (negative) error of an NLMSG_ERROR message at {@code at}; 0 for an ACK. */
    static int errorCode(ByteBuffer buf, int at) {
        return buf.getInt(at + NLMSG_HDRLEN);
    }

    /** The u16 payload of the first top-level genl attribute of {@code type}, or -1 when absent. */
    static int genlU16Attribute(ByteBuffer buf, int at, int type) {
        int end = at + messageLength(buf, at);
        for (int p = at + NLMSG_HDRLEN + GENL_HDRLEN; p + 4 <= end; ) {
            int nlaLength = Short.toUnsignedInt(buf.getShort(p));
            if (nlaLength < 4) {
                break;
            }
            if ((buf.getShort(p + 2) & 0x3fff) == type) {
                return Short.toUnsignedInt(buf.getShort(p + 4));
            }
            p += align4(nlaLength);
        }
        return -1;
    }

    private static int align4(int n) {
        return (n + 3) & ~3;
    }
}
