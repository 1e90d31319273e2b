package io.jlvs.health.internal.check;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One ICMP or ICMPv6 echo request and the test of whether a received packet is its reply
 * (RFC 792, RFC 4443 section 4). The request carries a random 16-bit sequence number and 16 random
 * bytes; a reply counts only when it comes from the target, is an echo reply, and returns that
 * sequence number and those bytes (and, on a raw socket, the identifier). Anything else on the
 * socket — another prober's replies, a forged reply from elsewhere on the network, a reply to an
 * earlier probe — is ignored: without seeing the request, nobody can guess 2^128 payloads.
 *
 * @param v6         ICMPv6 (echo request 128, reply 129) rather than ICMP (8 and 0)
 * @param identifier the echo identifier; on a datagram (ping) socket the kernel replaces it with the
 *                   socket's own and delivers only replies that carry it, so it is compared on raw
 *                   sockets only
 * @param sequence   the echo sequence number
 * @param token      the payload, returned unchanged by any host that answers echo requests
 */
public record EchoPacket(boolean v6, int identifier, int sequence, byte[] token) {
    public static final int HEADER = 8;
    static final int ECHO_REQUEST_V4 = 8;
    static final int ECHO_REPLY_V4 = 0;
    static final int ECHO_REQUEST_V6 = 128;
    static final int ECHO_REPLY_V6 = 129;

    public EchoPacket {
        token = token.clone();
    }

    /** Size of the request's ICMP message: header and token. */
    public int length() {
        return HEADER + token.length;
    }

    public int replyType() {
        return v6 ? ECHO_REPLY_V6 : ECHO_REPLY_V4;
    }

    /**
     * Writes the request at {@code out}'s position. The ICMP checksum is filled in (raw ICMP sockets
     * send it as given); the kernel computes the ICMPv6 one itself (RFC 3542 section 3.1) and that of
     * datagram sockets, where a value here does no harm.
     */
    public void writeRequest(ByteBuffer out) {
        int start = out.position();
        out.put((byte) (v6 ? ECHO_REQUEST_V6 : ECHO_REQUEST_V4)).put((byte) 0).putShort((short) 0)
                .putShort((short) identifier).putShort((short) sequence).put(token);
        if (!v6) {
            out.putShort(start + 2, (short) checksum(out, start, length()));
        }
    }

    /**
     * Whether the ICMP message at {@code in}'s position, {@code length} bytes long, is this request's
     * reply; {@code checkIdentifier} on raw sockets, where the kernel does not route by it.
     */
    public boolean isReply(ByteBuffer in, int length, boolean checkIdentifier) {
        if (length != length()) {
            return false;
        }
        int at = in.position();
        if ((in.get(at) & 0xff) != replyType() || in.get(at + 1) != 0) {
            return false;
        }
        if (checkIdentifier && (in.getShort(at + 4) & 0xffff) != identifier) {
            return false;
        }
        if ((in.getShort(at + 6) & 0xffff) != sequence) {
            return false;
        }
        byte[] payload = new byte[token.length];
        in.get(at + HEADER, payload);
        return Arrays.equals(payload, token);
    }

    /** The Internet checksum (RFC 1071) of {@code length} bytes from {@code start}. */
    static int checksum(ByteBuffer buf, int start, int length) {
        long sum = 0;
        for (int i = 0; i + 1 < length; i += 2) {
            sum += buf.getShort(start + i) & 0xffff;
        }
        if ((length & 1) == 1) {
            sum += (buf.get(start + length - 1) & 0xff) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    @Override
    public byte[] token() {
        return token.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EchoPacket p && p.v6 == v6 && p.identifier == identifier && p.sequence == sequence
                && Arrays.equals(p.token, token);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Boolean.hashCode(v6) + identifier * 65536 + sequence) + Arrays.hashCode(token);
    }

    @Override
    public String toString() {
        return "EchoPacket[" + (v6 ? "icmpv6" : "icmp") + " id=" + identifier + " seq=" + sequence + "]";
    }
}
