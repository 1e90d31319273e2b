package io.jlvs.health.internal.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The echo request's bytes and what counts as its reply: nothing but the reply itself. */
class EchoPacketTest {
    static final byte[] TOKEN = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    static final EchoPacket V4 = new EchoPacket(false, 0x1234, 0xbeef, TOKEN);
    static final EchoPacket V6 = new EchoPacket(true, 0x1234, 0xbeef, TOKEN);

    @Test
    void anIcmpRequestIsTypeEightWithIdSequenceTokenAndAChecksumThatSumsToZero() {
        ByteBuffer out = ByteBuffer.allocate(V4.length());
        V4.writeRequest(out);

        assertEquals("08", HexFormat.of().formatHex(out.array(), 0, 1));
        assertEquals("1234beef", HexFormat.of().formatHex(out.array(), 4, 8));
        assertEquals(HexFormat.of().formatHex(TOKEN), HexFormat.of().formatHex(out.array(), 8, 24));
        // RFC 1071: the checksum over a message that holds its own checksum is 0
        assertEquals(0, EchoPacket.checksum(out, 0, V4.length()));
    }

    @Test
    void checksumMatchesRfc1071sWorkedExample() {
        // RFC 1071 section 3: 00 01 f2 03 f4 f5 f6 f7 sums (one's complement) to 0xddf2
        ByteBuffer data = ByteBuffer.wrap(HexFormat.of().parseHex("0001f203f4f5f6f7"));
        assertEquals(~0xddf2 & 0xffff, EchoPacket.checksum(data, 0, 8));
    }

    @Test
    void anIcmpV6RequestIsType128AndLeavesTheChecksumToTheKernel() {
        ByteBuffer out = ByteBuffer.allocate(V6.length());
        V6.writeRequest(out);
        assertEquals((byte) 128, out.get(0));
        assertEquals(0, out.getShort(2));
    }

    @Test
    void theReplyToTheRequestMatches() {
        assertTrue(V4.isReply(reply(0, 0x1234, 0xbeef, TOKEN), 24, true));
        assertTrue(V6.isReply(reply(129, 0x1234, 0xbeef, TOKEN), 24, true));
    }

    @Test
    void aDatagramSocketsReplyMatchesWhateverIdentifierTheKernelGaveIt() {
        assertTrue(V4.isReply(reply(0, 0x9999, 0xbeef, TOKEN), 24, false));
        assertFalse(V4.isReply(reply(0, 0x9999, 0xbeef, TOKEN), 24, true));
    }

    @Test
    void somethingElseDoesNot() {
        byte[] otherToken = TOKEN.clone();
        otherToken[15] ^= 1;
        assertFalse(V4.isReply(reply(0, 0x1234, 0xbeef, otherToken), 24, true), "a guessed or earlier payload");
        assertFalse(V4.isReply(reply(0, 0x1234, 0xbef0, TOKEN), 24, true), "another sequence number");
        assertFalse(V4.isReply(reply(8, 0x1234, 0xbeef, TOKEN), 24, true), "our own request (looped back)");
        assertFalse(V4.isReply(reply(3, 0x1234, 0xbeef, TOKEN), 24, true), "an unreachable");
        assertFalse(V4.isReply(reply(129, 0x1234, 0xbeef, TOKEN), 24, true), "an ICMPv6 reply on IPv4");
        assertFalse(V4.isReply(reply(0, 0x1234, 0xbeef, TOKEN), 23, true), "a truncated one");
        ByteBuffer longer = ByteBuffer.allocate(40).put(reply(0, 0x1234, 0xbeef, TOKEN)).position(0);
        assertFalse(V4.isReply(longer, 40, true), "one with more payload");
    }

    @Test
    void theTokenCannotBeChangedFromOutside() {
        byte[] mine = TOKEN.clone();
        EchoPacket p = new EchoPacket(false, 1, 2, mine);
        mine[0] = 42;
        p.token()[1] = 42;
        assertEquals(HexFormat.of().formatHex(TOKEN), HexFormat.of().formatHex(p.token()));
    }

    private static ByteBuffer reply(int type, int id, int seq, byte[] token) {
        ByteBuffer b = ByteBuffer.allocate(8 + token.length);
        b.put((byte) type).put((byte) 0).putShort((short) 0).putShort((short) id).putShort((short) seq).put(token);
        return b.position(0);
    }
}
