package io.jlvs.netlink;

import static io.jlvs.netlink.NetlinkConstants.NLA_F_NESTED;
import static io.jlvs.netlink.NetlinkConstants.NLM_F_ACK;
import static io.jlvs.netlink.NetlinkConstants.NLM_F_REQUEST;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** MessageWriter and Attributes, one field kind at a time, against bytes worked out by hand. */
class MessageCodecTest {
    private static final int TYPE = 0x1c;

    /** Writes one generic-netlink message with {@code attributes} and parses it back. */
    private static Message roundTrip(Consumer<MessageWriter> attributes) {
        MessageWriter w = new MessageWriter();
        w.beginMessage(TYPE, NLM_F_REQUEST, 1, 0).genlHeader(5, 1);
        attributes.accept(w);
        w.endMessage();
        return only(w.flip());
    }

    private static Message only(ByteBuffer datagram) {
        List<Message> messages = new ArrayList<>();
        Message.parseAll(datagram, datagram.limit(), messages::add);
        assertEquals(1, messages.size());
        return messages.get(0);
    }

    private static byte[] bytesOf(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    @Test
    void u8RoundTripsItsWholeUnsignedRange() {
        Attributes a = roundTrip(w -> w.putU8(1, 0).putU8(2, 0x7f).putU8(3, 0xff)).genlAttributes();
        assertEquals(0, a.u8(1));
        assertEquals(0x7f, a.u8(2));
        assertEquals(0xff, a.u8(3));
    }

    @Test
    void u16RoundTripsUnsigned() {
        Attributes a = roundTrip(w -> w.putU16(1, 0xfffe).putU16(2, 1)).genlAttributes();
        assertEquals(0xfffe, a.u16(1));
        assertEquals(1, a.u16(2));
    }

    @Test
    void be16RoundTripsUnsigned() {
        Attributes a = roundTrip(w -> w.putBe16(1, 0xabcd).putBe16(2, 80)).genlAttributes();
        assertEquals(0xabcd, a.be16(1));
        assertEquals(80, a.be16(2));
    }

    @Test
    void u32AndBe32RoundTripEveryBit() {
        Attributes a = roundTrip(w -> w.putU32(1, 0xdeadbeef).putBe32(2, 0xffffff00)).genlAttributes();
        assertEquals(0xdeadbeef, a.u32(1));
        assertEquals(0xffffff00, a.be32(2));
    }

    @Test
    void u64RoundTrips() {
        Attributes a = roundTrip(w -> w.putU64(1, 0x8000_0000_0000_0001L)).genlAttributes();
        assertEquals(0x8000_0000_0000_0001L, a.u64(1));
    }

    @Test
    void stringRoundTripsUtf8AndIsNulTerminatedOnTheWire() {
        Attributes a = roundTrip(w -> w.putString(1, "wlc").putString(2, "Grüße").putString(3, "")).genlAttributes();
        assertEquals("wlc", a.string(1));
        assertEquals("Grüße", a.string(2));
        assertEquals("", a.string(3));
        assertEquals(4, a.length(1), "three bytes and the NUL");
        assertEquals(1, a.length(3));
    }

    @Test
    void aStringWithoutTerminatorReadsToTheAttributeEnd() {
        Attributes a = roundTrip(w -> w.putBytes(1, new byte[] {'r', 'r'})).genlAttributes();
        assertEquals("rr", a.string(1));
    }

    @Test
    void bytesRoundTripIncludingEmpty() {
        byte[] value = {1, 2, 3, 4, 5, (byte) 0xff};
        Attributes a = roundTrip(w -> w.putBytes(1, value).putBytes(2, new byte[0])).genlAttributes();
        assertArrayEquals(value, a.bytes(1));
        assertArrayEquals(new byte[0], a.bytes(2));
    }

    @Test
    void aFlagIsPresentWithNoPayload() {
        Attributes a = roundTrip(w -> w.putFlag(9)).genlAttributes();
        assertTrue(a.has(9));
        assertEquals(0, a.length(9));
        assertFalse(a.has(8));
    }

    @Test
    void nestedAttributesRoundTripTwoLevelsDeep() {
        Attributes a = roundTrip(w -> {
            int outer = w.beginNested(1);
            w.putString(1, "outer");
            int inner = w.beginNested(2);
            w.putU32(1, 42).putU8(2, 7);
            w.endNested(inner);
            w.putU16(3, 3);
            w.endNested(outer);
            w.putU32(2, 99);
        }).genlAttributes();
        Attributes outer = a.nested(1);
        assertEquals("outer", outer.string(1));
        assertEquals(3, outer.u16(3));
        Attributes inner = outer.nested(2);
        assertEquals(42, inner.u32(1));
        assertEquals(7, inner.u8(2));
        assertEquals(2, inner.size());
        assertEquals(99, a.u32(2), "the attribute after the nest starts where the nest ends");
    }

    @Test
    void nestedAttributesCarryNlaFNestedOnTheWireAndAreFoundByTheirPlainType() {
        Message m = roundTrip(w -> w.endNested(w.beginNested(3)));
        int typeOnWire = Short.toUnsignedInt(m.buffer().getShort(m.payloadOffset() + 4 + 2));
        assertEquals(3 | NLA_F_NESTED, typeOnWire);
        assertTrue(m.genlAttributes().has(3));
        assertEquals(0, m.genlAttributes().nested(3).size());
    }

    @Test
    void forEachNestedVisitsEveryAttributeInWireOrder() {
        Attributes a = roundTrip(w -> {
            for (int i = 5; i >= 1; i--) {
                int mark = w.beginNested(i);
                w.putU32(1, i * 10);
                w.endNested(mark);
            }
        }).genlAttributes();
        List<Integer> seen = new ArrayList<>();
        a.forEachNested((type, inner) -> seen.add(type * 1000 + inner.u32(1)));
        assertEquals(List.of(5050, 4040, 3030, 2020, 1010), seen);
    }

    @Test
    void theLastOccurrenceOfARepeatedAttributeWins() {
        Attributes a = roundTrip(w -> w.putU32(1, 1).putU32(1, 2)).genlAttributes();
        assertEquals(2, a.size());
        assertEquals(2, a.u32(1));
    }

    @Test
    void be16IsBigEndianOnTheWireWhileU16IsHostOrder() {
        Message m = roundTrip(w -> w.putBe16(1, 0x1f90).putU16(2, 0x1f90));
        ByteBuffer b = m.buffer();
        int firstPayload = m.payloadOffset() + 4 + 4;
        assertEquals(0x1f, Byte.toUnsignedInt(b.get(firstPayload)));
        assertEquals(0x90, Byte.toUnsignedInt(b.get(firstPayload + 1)));
        int secondPayload = firstPayload + 4 + 4; // 2 bytes + 2 padding, then the next header
        byte[] hostOrder = ByteBuffer.allocate(2).order(ByteOrder.nativeOrder()).putShort((short) 0x1f90).array();
        assertEquals(hostOrder[0], b.get(secondPayload));
        assertEquals(hostOrder[1], b.get(secondPayload + 1));
    }

    @Test
    void be32IsBigEndianOnTheWire() {
        Message m = roundTrip(w -> w.putBe32(1, 0xffffff00));
        int payload = m.payloadOffset() + 4 + 4;
        byte[] wire = new byte[4];
        m.buffer().get(payload, wire);
        assertArrayEquals(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0}, wire);
    }

    /** Every length, offset and padding byte of one message, worked out by hand from netlink.h. */
    @Test
    void aMessageIsLaidOutExactlyAsNetlinkAlignmentRulesSay() {
        MessageWriter w = new MessageWriter();
        w.beginMessage(0x1234, NLM_F_REQUEST | NLM_F_ACK, 7, 9).genlHeader(1, 2);
        w.putU8(1, 0xab);                  // 20: len 5, 1 byte + 3 padding
        w.putBe16(2, 0x1f90);              // 28: len 6, 2 bytes + 2 padding
        w.putString(3, "ab");              // 36: len 7, "ab\0" + 1 padding
        w.putFlag(4);                      // 44: len 4
        int nest = w.beginNested(5);       // 48: len 12, type 5|NLA_F_NESTED
        w.putU32(1, 0x01020304);           // 52: len 8
        w.endNested(nest);
        w.endMessage();                    // 60 bytes

        ByteBuffer e = ByteBuffer.allocate(60).order(ByteOrder.nativeOrder());
        e.putInt(60).putShort((short) 0x1234).putShort((short) 5).putInt(7).putInt(9); // nlmsghdr
        e.put((byte) 1).put((byte) 2).putShort((short) 0);                                // genlmsghdr
        e.putShort((short) 5).putShort((short) 1).put((byte) 0xab).put(new byte[3]);
        e.putShort((short) 6).putShort((short) 2).put((byte) 0x1f).put((byte) 0x90).put(new byte[2]);
        e.putShort((short) 7).putShort((short) 3).put((byte) 'a').put((byte) 'b').put((byte) 0).put((byte) 0);
        e.putShort((short) 4).putShort((short) 4);
        e.putShort((short) 12).putShort((short) (5 | NLA_F_NESTED));
        e.putShort((short) 8).putShort((short) 1).putInt(0x01020304);
        assertEquals(60, e.position());

        assertEquals(60, w.size());
        assertArrayEquals(e.array(), bytesOf(w.flip()));
    }

    @Test
    void messagesInOneWriterFollowEachOtherAtAlignedOffsets() {
        MessageWriter w = new MessageWriter();
        w.beginMessage(TYPE, 0, 1, 0).genlHeader(1, 1).putU8(1, 1).endMessage();
        w.beginMessage(TYPE, 0, 2, 0).genlHeader(1, 1).putString(1, "abcde").endMessage();
        w.beginMessage(TYPE, 0, 3, 0).endMessage();
        ByteBuffer datagram = w.flip();
        List<Message> messages = new ArrayList<>();
        Message.parseAll(datagram, datagram.limit(), messages::add);
        assertEquals(3, w.messageCount());
        assertEquals(List.of(1, 2, 3), messages.stream().map(Message::seq).toList());
        assertEquals(List.of(16, 16 + 28, 16 + 28 + 32), messages.stream().map(Message::payloadOffset).toList());
        assertEquals(List.of(12, 16, 0), messages.stream().map(Message::payloadLength).toList());
        assertEquals("abcde", messages.get(1).genlAttributes().string(1));
    }

    @Test
    void theWriterGrowsPastItsInitialCapacityWithoutLosingBytes() {
        MessageWriter w = new MessageWriter(16);
        w.beginMessage(TYPE, 0, 1, 0).genlHeader(1, 1);
        for (int i = 0; i < 1000; i++) {
            w.putU32(i + 1, i * 31);
        }
        w.endMessage();
        Attributes a = only(w.flip()).genlAttributes();
        assertEquals(1000, a.size());
        for (int i = 0; i < 1000; i++) {
            assertEquals(i * 31, a.u32(i + 1));
        }
    }

    @Test
    void clearDropsEverythingWritten() {
        MessageWriter w = new MessageWriter();
        w.beginMessage(TYPE, 0, 1, 0).putU32(1, 1).endMessage();
        w.clear();
        assertEquals(0, w.size());
        assertEquals(0, w.messageCount());
        w.beginMessage(TYPE, 0, 2, 0).endMessage();
        assertEquals(2, only(w.flip()).seq());
    }

    @Test
    void theLongestAttributeFitsAndOneByteMoreIsRefused() {
        MessageWriter w = new MessageWriter();
        w.beginMessage(TYPE, 0, 1, 0);
        w.putBytes(1, new byte[0xffff - 4]);
        assertThrows(IllegalArgumentException.class, () -> w.putBytes(2, new byte[0xffff - 3]));
    }

    @Test
    void aNestOutgrowingTheSixteenBitLengthIsRefusedRatherThanWrappedAround() {
        MessageWriter w = new MessageWriter();
        w.beginMessage(TYPE, 0, 1, 0);
        int mark = w.beginNested(1);
        for (int i = 0; i < 20; i++) {
            w.putBytes(1, new byte[4000]);
        }
        assertThrows(IllegalArgumentException.class, () -> w.endNested(mark));
    }

    @Test
    void misuseOfTheWriterIsAnIllegalState() {
        MessageWriter w = new MessageWriter();
        assertThrows(IllegalStateException.class, () -> w.putU32(1, 1), "attribute outside a message");
        assertThrows(IllegalStateException.class, w::endMessage, "end without begin");
        w.beginMessage(TYPE, 0, 1, 0);
        assertThrows(IllegalStateException.class, () -> w.beginMessage(TYPE, 0, 2, 0), "begin inside a message");
        assertThrows(IllegalStateException.class, w::flip, "flip with a message open");
    }

    @Test
    void aMissingAttributeIsMalformedNotNull() {
        Attributes a = roundTrip(w -> w.putU32(1, 1)).genlAttributes();
        assertThrows(MalformedMessageException.class, () -> a.u32(2));
        assertThrows(MalformedMessageException.class, () -> a.string(2));
        assertThrows(MalformedMessageException.class, () -> a.nested(2));
    }

    @Test
    void anAttributeShorterThanItsTypeIsMalformed() {
        Attributes a = roundTrip(w -> w.putU16(1, 1).putU32(2, 1)).genlAttributes();
        assertThrows(MalformedMessageException.class, () -> a.u32(1));
        assertThrows(MalformedMessageException.class, () -> a.u64(2));
    }

    @Test
    void anAttributeClaimingMoreBytesThanRemainIsMalformed() {
        Message m = roundTrip(w -> w.putU32(1, 1));
        m.buffer().putShort(m.payloadOffset() + 4, (short) 12); // claims 12, 8 remain
        assertThrows(MalformedMessageException.class, m::genlAttributes);
    }

    @Test
    void aHeaderClaimingMoreBytesThanTheDatagramIsMalformed() {
        MessageWriter w = new MessageWriter();
        w.beginMessage(TYPE, 0, 1, 0).genlHeader(1, 1).endMessage();
        ByteBuffer b = w.flip();
        assertThrows(MalformedMessageException.class, () -> Message.parseAll(b, b.limit() - 1, m -> { }));
    }

    @Test
    void trailingBytesTooFewForAHeaderAreMalformed() {
        MessageWriter w = new MessageWriter();
        w.beginMessage(TYPE, 0, 1, 0).endMessage().beginMessage(TYPE, 0, 2, 0).endMessage();
        ByteBuffer b = w.flip();
        assertThrows(MalformedMessageException.class, () -> Message.parseAll(b, 16 + 8, m -> { }));
    }

    @Test
    void aGenlMessageWithoutGenlHeaderIsMalformed() {
        MessageWriter w = new MessageWriter();
        w.beginMessage(TYPE, 0, 1, 0).endMessage();
        Message m = only(w.flip());
        assertThrows(MalformedMessageException.class, m::genlCommand);
        assertThrows(MalformedMessageException.class, m::genlAttributes);
    }

    @Test
    void fixedHeadersOtherThanGenlAreSkippedByTheirAlignedLength() {
        // rtnetlink's struct ifinfomsg is 16 bytes; attributes follow it.
        MessageWriter w = new MessageWriter();
        w.beginMessage(18, 0, 1, 0).putRaw(new byte[16]).putString(3, "lo").endMessage();
        assertEquals("lo", only(w.flip()).attributes(16).string(3));
    }

    @Test
    void acknowledgementDecodesErrnoSequenceTextAndOffset() {
        MessageWriter w = new MessageWriter();
        w.beginMessage(TYPE, NLM_F_REQUEST, 77, 0).genlHeader(1, 1).putU32(1, 1).endMessage();
        Message request = only(w.flip());
        Message error = only(ByteBuffer.wrap(FakeKernel.reply().error(request, 17, "exists", 20).bytes())
                .order(ByteOrder.nativeOrder()));
        Acknowledgement ack = Acknowledgement.decode(error);
        assertEquals(new Acknowledgement(17, 77, "exists", 20), ack);
        assertFalse(ack.ok());
    }

    @Test
    void aPlainAckIsOkWithoutTextOrOffset() {
        MessageWriter w = new MessageWriter();
        w.beginMessage(TYPE, NLM_F_REQUEST, 5, 0).genlHeader(1, 1).endMessage();
        Message request = only(w.flip());
        Message ackMessage = only(ByteBuffer.wrap(FakeKernel.reply().ack(request).bytes()).order(ByteOrder.nativeOrder()));
        Acknowledgement ack = Acknowledgement.decode(ackMessage);
        assertTrue(ack.ok());
        assertEquals(5, ack.requestSeq());
        assertNull(ack.kernelMessage());
        assertEquals(-1, ack.errorOffset());
    }

    @Test
    void anUncappedErrorsTextIsFoundAfterTheEchoedRequest() {
        MessageWriter w = new MessageWriter();
        w.beginMessage(TYPE, NLM_F_REQUEST, 6, 0).genlHeader(1, 1).putString(1, "payload to skip").endMessage();
        Message request = only(w.flip());
        Message error = only(ByteBuffer.wrap(FakeKernel.reply().uncappedError(request, 22, "bad", 24).bytes())
                .order(ByteOrder.nativeOrder()));
        assertEquals(new Acknowledgement(22, 6, "bad", 24), Acknowledgement.decode(error));
    }

    @Test
    void anErrorFieldThatIsNotZeroOrMinusErrnoIsMalformed() {
        MessageWriter w = new MessageWriter();
        byte[] nlmsgerr = new byte[20];
        ByteBuffer.wrap(nlmsgerr).order(ByteOrder.nativeOrder()).putInt(0, 5);
        w.beginMessage(NetlinkConstants.NLMSG_ERROR, 0, 1, 0).putRaw(nlmsgerr).endMessage();
        Message m = only(w.flip());
        assertThrows(MalformedMessageException.class, () -> Acknowledgement.decode(m));
    }
}
