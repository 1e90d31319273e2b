package io.jlvs.failover.internal.heartbeat;

import io.jlvs.failover.HeartbeatKey;
import io.jlvs.failover.Role;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The heartbeat datagram, version 1: 88 bytes, big-endian (network order).
 *
 * <pre>
 * offset size field
 *   0     2   magic 0x4A48 ("JH")
 *   2     1   version = 1
 *   3     1   flags: bit 0 = preempt; other bits 0
 *   4     4   cluster id
 *   8     4   node id (sender)
 *  12     1   role: 0 INIT, 1 BACKUP, 2 ACTIVE, 3 FAULT, 4 STOPPED
 *  13     1   priority 0..255
 *  14     2   reserved, 0
 *  16     8   boot id (random per process start)
 *  24     8   sequence number (per boot, increasing)
 *  32     8   timestamp, ms since 1970-01-01 UTC (sender's wall clock)
 *  40    16   destination address: IPv6, or IPv4-mapped ::ffff:a.b.c.d (RFC 4291 2.5.5.2)
 *  56    32   HMAC-SHA256 (RFC 2104) over bytes 0..55 with the shared key
 * </pre>
 *
 * A receiver checks the length, magic and version before the MAC, and everything else only after
 * the MAC matched (compared in constant time), so unauthenticated bytes are never interpreted.
 * Not thread-safe: one instance per thread (it holds a {@link Mac}).
 */
public final class HeartbeatCodec {
    public static final int MAGIC = 0x4A48;
    public static final int VERSION = 1;
    public static final int LENGTH = 88;
    static final int MAC_OFFSET = 56;
    static final int MAC_LENGTH = 32;
    private static final int FLAG_PREEMPT = 1;

    private final Mac mac;

    public HeartbeatCodec(HeartbeatKey key) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.bytes(), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            // Every Java SE runtime must provide HmacSHA256 (java.security.Security / Mac javadoc).
            throw new IllegalStateException("HmacSHA256 unavailable: " + e, e);
        }
    }

    /** The datagram for {@code heartbeat}. */
    public byte[] encode(Heartbeat heartbeat) {
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        b.putShort((short) MAGIC);
        b.put((byte) VERSION);
        b.put((byte) (heartbeat.preempt() ? FLAG_PREEMPT : 0));
        b.putInt(heartbeat.clusterId());
        b.putInt(heartbeat.nodeId());
        b.put((byte) heartbeat.role().wireCode());
        b.put((byte) heartbeat.priority());
        b.putShort((short) 0);
        b.putLong(heartbeat.bootId());
        b.putLong(heartbeat.sequence());
        b.putLong(heartbeat.timestampMillis());
        b.put(toSixteen(heartbeat.destination()));
        byte[] frame = b.array();
        mac.update(frame, 0, MAC_OFFSET);
        byte[] tag = mac.doFinal();
        System.arraycopy(tag, 0, frame, MAC_OFFSET, MAC_LENGTH);
        return frame;
    }

    /** Decodes and authenticates {@code length} bytes of {@code data}; never throws for bad input. */
    public Decoded decode(byte[] data, int length) {
        if (length != LENGTH) {
            return new Decoded.Rejected(Rejection.MALFORMED, "length " + length + ", expected " + LENGTH);
        }
        ByteBuffer b = ByteBuffer.wrap(data, 0, length);
        int magic = Short.toUnsignedInt(b.getShort());
        int version = Byte.toUnsignedInt(b.get());
        if (magic != MAGIC) {
            return new Decoded.Rejected(Rejection.MALFORMED, String.format("magic 0x%04x, expected 0x%04x", magic, MAGIC));
        }
        if (version != VERSION) {
            return new Decoded.Rejected(Rejection.MALFORMED, "version " + version + ", this node speaks " + VERSION);
        }
        mac.update(data, 0, MAC_OFFSET);
        byte[] expected = mac.doFinal();
        if (!MessageDigest.isEqual(expected, Arrays.copyOfRange(data, MAC_OFFSET, MAC_OFFSET + MAC_LENGTH))) {
            return new Decoded.Rejected(Rejection.BAD_MAC, "HMAC does not match (wrong key or altered datagram)");
        }
        int flags = Byte.toUnsignedInt(b.get());
        int clusterId = b.getInt();
        int nodeId = b.getInt();
        int roleCode = Byte.toUnsignedInt(b.get());
        int priority = Byte.toUnsignedInt(b.get());
        int reserved = Short.toUnsignedInt(b.getShort());
        long bootId = b.getLong();
        long sequence = b.getLong();
        long timestamp = b.getLong();
        byte[] dest = new byte[16];
        b.get(dest);
        if ((flags & ~FLAG_PREEMPT) != 0 || reserved != 0) {
            return new Decoded.Rejected(Rejection.MALFORMED, "unknown flags or reserved bits set");
        }
        if (roleCode > Role.STOPPED.wireCode()) {
            return new Decoded.Rejected(Rejection.MALFORMED, "role code " + roleCode);
        }
        InetAddress destination;
        try {
            // getByAddress turns an IPv4-mapped IPv6 address into the Inet4Address itself.
            destination = InetAddress.getByAddress(dest);
        } catch (UnknownHostException e) {
            return new Decoded.Rejected(Rejection.MALFORMED, "destination address: " + e.getMessage());
        }
        return new Decoded.Valid(new Heartbeat(clusterId, nodeId, Role.fromWire(roleCode), priority,
                (flags & FLAG_PREEMPT) != 0, bootId, sequence, timestamp, destination));
    }

    private static byte[] toSixteen(InetAddress address) {
        byte[] raw = address.getAddress();
        if (raw.length == 16) {
            return raw;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(raw, 0, mapped, 12, 4);
        return mapped;
    }

    /** Why a datagram was not accepted. */
    public enum Rejection {
        MALFORMED,
        BAD_MAC,
        UNKNOWN_PEER,
        REPLAY
    }

    /** The outcome of decoding one datagram. */
    public sealed interface Decoded {
        record Valid(Heartbeat heartbeat) implements Decoded {}

        record Rejected(Rejection rejection, String detail) implements Decoded {}
    }
}
