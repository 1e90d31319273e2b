package io.jlvs.failover.internal.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.jlvs.failover.HeartbeatKey;
import io.jlvs.failover.Role;
import io.jlvs.failover.internal.heartbeat.HeartbeatCodec.Decoded;
import io.jlvs.failover.internal.heartbeat.HeartbeatCodec.Rejection;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class HeartbeatCodecProperties {
    private static final HeartbeatKey KEY = HeartbeatKey.of("the group's shared key, 32 bytes".getBytes());

    @Property
    void decodeGivesBackWhatWasEncoded(@ForAll("heartbeats") Heartbeat h) {
        HeartbeatCodec codec = new HeartbeatCodec(KEY);
        byte[] frame = codec.encode(h);
        assertEquals(HeartbeatCodec.LENGTH, frame.length);
        assertEquals(new Decoded.Valid(h), codec.decode(frame, frame.length));
    }

    @Property
    void anyAlteredByteIsRejected(@ForAll("heartbeats") Heartbeat h, @ForAll @IntRange(max = 87) int index,
            @ForAll @IntRange(min = 1, max = 255) int xor) {
        HeartbeatCodec codec = new HeartbeatCodec(KEY);
        byte[] frame = codec.encode(h);
        frame[index] ^= (byte) xor;
        Decoded d = codec.decode(frame, frame.length);
        Decoded.Rejected r = assertInstanceOf(Decoded.Rejected.class, d);
        // Bytes 0..2 are checked before the MAC (magic, version); every other byte is covered by it.
        assertEquals(index < 3 ? Rejection.MALFORMED : Rejection.BAD_MAC, r.rejection(), r.detail());
    }

    @Property
    void aHeartbeatUnderAnotherKeyIsRejected(@ForAll("heartbeats") Heartbeat h,
            @ForAll @Size(min = 16, max = 64) byte[] otherKey) {
        HeartbeatKey other = HeartbeatKey.of(otherKey);
        if (other.equals(KEY)) {
            return;
        }
        byte[] frame = new HeartbeatCodec(other).encode(h);
        Decoded.Rejected r = assertInstanceOf(Decoded.Rejected.class, new HeartbeatCodec(KEY).decode(frame, frame.length));
        assertEquals(Rejection.BAD_MAC, r.rejection());
    }

    @Property
    void randomBytesAreRejectedWithoutThrowing(@ForAll @Size(max = 200) byte[] junk) {
        byte[] data = Arrays.copyOf(junk, Math.max(junk.length, 1));
        assertInstanceOf(Decoded.Rejected.class, new HeartbeatCodec(KEY).decode(data, junk.length));
    }

    @Example
    void theLayoutIsTheDocumentedOne() throws UnknownHostException {
        Heartbeat h = new Heartbeat(0x01020304, 0x0A0B0C0D, Role.ACTIVE, 200, true, 0x1122334455667788L, 7, 1000,
                InetAddress.getByName("192.0.2.9"));
        byte[] f = new HeartbeatCodec(KEY).encode(h);
        assertEquals("4a48010101020304", hex(f, 0, 8));
        assertEquals("0a0b0c0d02c80000", hex(f, 8, 16));
        assertEquals("1122334455667788", hex(f, 16, 24));
        assertEquals("0000000000000007", hex(f, 24, 32));
        assertEquals("00000000000003e8", hex(f, 32, 40));
        assertEquals("00000000000000000000ffffc0000209", hex(f, 40, 56));
    }

    @Example
    void reservedBitsAndUnknownRolesAreMalformedEvenWithAValidMac() throws UnknownHostException {
        // Built with the key, so only the field checks after the MAC can catch them.
        Heartbeat h = new Heartbeat(1, 2, Role.BACKUP, 1, false, 3, 4, 5, InetAddress.getByName("10.0.0.1"));
        for (int[] change : new int[][] {{3, 0x02}, {12, 9}, {14, 1}}) {
            byte[] f = new HeartbeatCodec(KEY).encode(h);
            f[change[0]] = (byte) change[1];
            byte[] signed = resign(f);
            Decoded.Rejected r = assertInstanceOf(Decoded.Rejected.class,
                    new HeartbeatCodec(KEY).decode(signed, signed.length));
            assertEquals(Rejection.MALFORMED, r.rejection(), r.detail());
        }
    }

    private static byte[] resign(byte[] frame) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(KEY.bytes(), "HmacSHA256"));
            mac.update(frame, 0, HeartbeatCodec.MAC_OFFSET);
            System.arraycopy(mac.doFinal(), 0, frame, HeartbeatCodec.MAC_OFFSET, HeartbeatCodec.MAC_LENGTH);
            return frame;
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static String hex(byte[] b, int from, int to) {
        StringBuilder s = new StringBuilder();
        for (int i = from; i < to; i++) {
            s.append(String.format("%02x", b[i]));
        }
        return s.toString();
    }

    @Provide
    Arbitrary<Heartbeat> heartbeats() {
        Arbitrary<InetAddress> addresses = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofSize(4),
                Arbitraries.bytes().array(byte[].class).ofSize(16)).map(HeartbeatCodecProperties::address);
        return Combinators.combine(
                Arbitraries.integers(), Arbitraries.integers(), Arbitraries.of(Role.class),
                Arbitraries.integers().between(0, 255), Arbitraries.of(true, false),
                Arbitraries.longs().list().ofSize(3), addresses)
                .as((cluster, node, role, priority, preempt, longs, dest) -> new Heartbeat(cluster, node, role, priority,
                        preempt, longs.get(0), longs.get(1), longs.get(2), dest));
    }

    private static InetAddress address(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
