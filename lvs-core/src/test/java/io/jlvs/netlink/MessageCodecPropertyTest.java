package io.jlvs.netlink;

import static io.jlvs.netlink.NetlinkConstants.NLA_HDRLEN;
import static io.jlvs.netlink.NetlinkConstants.align;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Properties of the wire codec: what MessageWriter writes, Attributes reads back; and whatever bytes
 * arrive, parsing and every accessor either succeed or throw {@link MalformedMessageException}.
 */
class MessageCodecPropertyTest {
    private static final Duration PER_TRY = Duration.ofSeconds(5);

    record Attr(int type, byte[] payload) {
        @Override
        public String toString() {
            return type + ":" + payload.length + "B";
        }
    }

    @Provide
    Arbitrary<List<Attr>> attributeLists() {
        Arbitrary<Attr> attr = Combinators.combine(
                Arbitraries.integers().between(1, 200),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300)).as(Attr::new);
        return attr.list().ofMaxSize(40);
    }

    private static ByteBuffer writeMessage(List<Attr> attrs) {
        MessageWriter w = new MessageWriter(64);
        w.beginMessage(0x1c, 0, 1, 0).genlHeader(1, 1);
        attrs.forEach(a -> w.putBytes(a.type(), a.payload()));
        w.endMessage();
        return w.flip();
    }

    private static Message parseOne(ByteBuffer b) {
        List<Message> messages = new ArrayList<>();
        Message.parseAll(b, b.limit(), messages::add);
        assertEquals(1, messages.size());
        return messages.get(0);
    }

    @Property(tries = 500)
    void writtenAttributesAreOnTheWireInOrderWithAlignedHeaders(@ForAll("attributeLists") List<Attr> attrs) {
        ByteBuffer b = writeMessage(attrs);
        // An independent walk of the layout (include/uapi/linux/netlink.h, NLA_ALIGN) rather than Attributes.
        int pos = 16 + 4;
        for (Attr a : attrs) {
            assertEquals(0, pos % 4, "attribute header alignment");
            assertEquals(NLA_HDRLEN + a.payload().length, Short.toUnsignedInt(b.getShort(pos)));
            assertEquals(a.type(), Short.toUnsignedInt(b.getShort(pos + 2)));
            byte[] payload = new byte[a.payload().length];
            b.get(pos + NLA_HDRLEN, payload);
            assertArrayEquals(a.payload(), payload);
            for (int p = pos + NLA_HDRLEN + a.payload().length; p < pos + align(NLA_HDRLEN + a.payload().length); p++) {
                assertEquals(0, b.get(p), "padding is zero");
            }
            pos += align(NLA_HDRLEN + a.payload().length);
        }
        assertEquals(pos, b.limit());
        assertEquals(pos, b.getInt(0), "nlmsg_len covers every attribute and its padding");
    }

    @Property(tries = 500)
    void writtenAttributesParseBackToTheSameTypesAndPayloads(@ForAll("attributeLists") List<Attr> attrs) {
        Attributes parsed = parseOne(writeMessage(attrs)).genlAttributes();
        assertEquals(attrs.size(), parsed.size());
        Map<Integer, byte[]> last = new HashMap<>();
        attrs.forEach(a -> last.put(a.type(), a.payload()));
        for (int type = 0; type <= 201; type++) {
            assertEquals(last.containsKey(type), parsed.has(type), "has " + type);
        }
        last.forEach((type, payload) -> {
            assertArrayEquals(payload, parsed.bytes(type), "type " + type);
            assertEquals(payload.length, parsed.length(type));
        });
    }

    @Property(tries = 300)
    void nestedListsParseBackInWireOrder(@ForAll("attributeLists") List<Attr> attrs) {
        MessageWriter w = new MessageWriter(64);
        w.beginMessage(0x1c, 0, 1, 0).genlHeader(1, 1);
        for (Attr a : attrs) {
            int mark = w.beginNested(a.type());
            w.putBytes(1, a.payload());
            w.endNested(mark);
        }
        w.endMessage();
        List<Attr> back = new ArrayList<>();
        parseOne(w.flip()).genlAttributes().forEachNested((type, inner) -> back.add(new Attr(type, inner.bytes(1))));
        assertEquals(attrs.size(), back.size());
        for (int i = 0; i < attrs.size(); i++) {
            assertEquals(attrs.get(i).type(), back.get(i).type());
            assertArrayEquals(attrs.get(i).payload(), back.get(i).payload());
        }
    }

    // ---- fuzz -----------------------------------------------------------------------------------

    @Provide
    Arbitrary<byte[]> hostileDatagrams() {
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> valid = attributeLists().map(MessageCodecPropertyTest::validDatagram);
        Arbitrary<byte[]> truncated = valid.flatMap(bytes -> Arbitraries.integers().between(0, bytes.length)
                .map(n -> Arrays.copyOf(bytes, n)));
        Arbitrary<byte[]> mutated = Combinators.combine(valid,
                Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMinSize(1).ofMaxSize(6),
                Arbitraries.bytes().list().ofSize(6)).as((bytes, at, values) -> {
                    byte[] copy = bytes.clone();
                    for (int i = 0; i < at.size(); i++) {
                        copy[at.get(i) % copy.length] = values.get(i);
                    }
                    return copy;
                });
        Arbitrary<byte[]> headed = Combinators.combine(
                Arbitraries.of(1, 2, 3, 4, 0x10, 0x1c, 18),
                Arbitraries.integers().between(0, 0xffff),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(200),
                Arbitraries.integers().between(-8, 400),
                Arbitraries.of(true, false)).as(MessageCodecPropertyTest::headedDatagram);
        Arbitrary<byte[]> errors = Combinators.combine(
                Arbitraries.integers().between(-5000, 5),
                Arbitraries.integers().between(-20, 1000),
                Arbitraries.of(0, 0x100, 0x200, 0x300),
                attributeLists()).as(MessageCodecPropertyTest::nlmsgerrDatagram);
        return Arbitraries.frequencyOf(
                Tuple.of(2, noise), Tuple.of(2, truncated),
                Tuple.of(2, mutated), Tuple.of(2, headed),
                Tuple.of(2, errors));
    }

    /** A datagram of two messages: attributes (some nested) and an NLMSG_ERROR, all well formed. */
    private static byte[] validDatagram(List<Attr> attrs) {
        MessageWriter w = new MessageWriter(64);
        w.beginMessage(0x1c, 0, 1, 0).genlHeader(1, 1);
        for (int i = 0; i < attrs.size(); i++) {
            Attr a = attrs.get(i);
            if (i % 3 == 0) {
                int mark = w.beginNested(a.type() % 40);
                w.putBytes(a.type() % 7, a.payload());
                w.putU32(2, a.payload().length);
                w.endNested(mark);
            } else {
                w.putBytes(a.type() % 40, a.payload());
            }
        }
        w.endMessage();
        byte[] first = toBytes(w.flip());
        Message request = parseOneQuietly(first);
        byte[] error = FakeKernel.reply().error(request, 22, "text", 20).bytes();
        byte[] both = Arrays.copyOf(first, first.length + error.length);
        System.arraycopy(error, 0, both, first.length, error.length);
        return both;
    }

    private static Message parseOneQuietly(byte[] bytes) {
        List<Message> out = new ArrayList<>();
        Message.parseAll(ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder()), bytes.length, out::add);
        return out.get(0);
    }

    /** One header of {@code type} with a random payload; the length field honest or off by {@code lie}. */
    private static byte[] headedDatagram(int type, int flags, byte[] payload, int lie, boolean honest) {
        MessageWriter w = new MessageWriter(64);
        w.beginMessage(type, flags, 1, 0).putRaw(payload).endMessage();
        byte[] bytes = toBytes(w.flip());
        if (!honest) {
            ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder()).putInt(0, 16 + payload.length + lie);
        }
        return bytes;
    }

    /** NLMSG_ERROR with any error value, any claimed original length, any flags, random TLVs. */
    private static byte[] nlmsgerrDatagram(int error, int originalLength, int flags, List<Attr> tlvs) {
        byte[] head = new byte[20];
        ByteBuffer.wrap(head).order(ByteOrder.nativeOrder()).putInt(0, error).putInt(4, originalLength).putInt(12, 9);
        MessageWriter w = new MessageWriter(64);
        w.beginMessage(NetlinkConstants.NLMSG_ERROR, flags, 9, 0).putRaw(head);
        tlvs.forEach(t -> w.putBytes(t.type() % 8, t.payload()));
        w.endMessage();
        return toBytes(w.flip());
    }

    private static byte[] toBytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    @Property(tries = 4000)
    void anyBytesParseOrAreMalformedNeverAnotherException(@ForAll("hostileDatagrams") byte[] datagram) {
        assertTimeoutPreemptively(PER_TRY, () -> exerciseDatagram(datagram));
    }

    @Property(tries = 1000)
    void anyRegionOfAnyBytesParsesAsAttributesOrIsMalformed(@ForAll("hostileDatagrams") byte[] bytes,
                                                              @ForAll int from, @ForAll int to) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        int offset = Math.floorMod(from, bytes.length + 8) - 4;
        int end = Math.floorMod(to, bytes.length + 8) - 4;
        assertTimeoutPreemptively(PER_TRY, () -> tolerate(() -> exerciseAttributes(Attributes.parse(b, offset, end), 0)));
    }

    /** The whole receive path: hostile replies to a request end in a result or a NetlinkException. */
    @Property(tries = 1000)
    void anyReplyToARequestEndsInAResultOrANetlinkException(@ForAll("hostileDatagrams") byte[] reply,
                                                              @ForAll boolean retargetToTheRequest) {
        FakeKernel kernel = new FakeKernel(requests -> {
            byte[] copy = reply.clone();
            if (retargetToTheRequest && copy.length >= 12) {
                ByteBuffer.wrap(copy).order(ByteOrder.nativeOrder()).putInt(8, requests.get(0).seq());
            }
            return List.of(copy);
        });
        NetlinkConnection connection = new NetlinkConnection(kernel, Duration.ofSeconds(5));
        Request request = Request.genl(0x1c, 1, 1, 0, w -> w.putU32(1, 1), "fuzzed request");
        assertTimeoutPreemptively(PER_TRY, () -> {
            try {
                connection.request(request, m -> m.genlAttributes().size());
            } catch (NetlinkException expected) {
                // malformed, an errno from the kernel, or the fake's EAGAIN once the reply is used up
            }
        });
    }

    @Property(tries = 1000)
    void anyDumpReplyEndsInRowsOrANetlinkException(@ForAll("hostileDatagrams") byte[] reply) {
        FakeKernel kernel = new FakeKernel(requests -> {
            byte[] copy = reply.clone();
            if (copy.length >= 12) {
                ByteBuffer.wrap(copy).order(ByteOrder.nativeOrder()).putInt(8, requests.get(0).seq());
            }
            return List.of(copy);
        });
        NetlinkConnection connection = new NetlinkConnection(kernel, Duration.ofSeconds(5));
        Request request = Request.genl(0x1c, 1, 1, 0, w -> { }, "fuzzed dump");
        assertTimeoutPreemptively(PER_TRY, () -> {
            try {
                connection.dump(request, m -> m.genlAttributes().size());
            } catch (NetlinkException expected) {
                // as above
            }
            assertTrue(kernel.datagramsReceived() <= NetlinkConnection.MAX_DUMP_ATTEMPTS);
        });
    }

    @Property(tries = 200)
    void exerciseReallyFindsAttributesInValidInput(@ForAll("attributeLists") List<Attr> attrs) {
        // Guards the fuzz harness itself: on valid input it must reach the accessors, not stop early.
        byte[] datagram = validDatagram(attrs);
        List<Message> messages = new ArrayList<>();
        Message.parseAll(ByteBuffer.wrap(datagram).order(ByteOrder.nativeOrder()), datagram.length, messages::add);
        assertEquals(2, messages.size());
        assertEquals(attrs.size(), messages.get(0).genlAttributes().size());
        assertFalse(Acknowledgement.decode(messages.get(1)).ok());
        exerciseDatagram(datagram);
    }

    private static void exerciseDatagram(byte[] datagram) {
        ByteBuffer b = ByteBuffer.wrap(datagram).order(ByteOrder.nativeOrder());
        List<Message> messages = new ArrayList<>();
        tolerate(() -> Message.parseAll(b, datagram.length, messages::add));
        for (Message m : messages) {
            m.type();
            m.flags();
            m.seq();
            m.portId();
            m.payloadLength();
            m.hasFlag(NetlinkConstants.NLM_F_MULTI);
            tolerate(m::genlCommand);
            tolerate(() -> {
                Acknowledgement a = Acknowledgement.decode(m);
                a.ok();
                a.kernelMessage();
                a.errorOffset();
            });
            tolerate(() -> exerciseAttributes(m.genlAttributes(), 0));
            for (int header : new int[] {0, 1, 8, 16}) {
                tolerate(() -> exerciseAttributes(m.attributes(header), 0));
            }
        }
    }

    private static void exerciseAttributes(Attributes a, int depth) {
        a.size();
        for (int type = 0; type < 48; type++) {
            if (!a.has(type)) {
                continue;
            }
            int t = type;
            tolerate(() -> a.u8(t));
            tolerate(() -> a.u16(t));
            tolerate(() -> a.be16(t));
            tolerate(() -> a.u32(t));
            tolerate(() -> a.be32(t));
            tolerate(() -> a.u64(t));
            tolerate(() -> a.bytes(t));
            tolerate(() -> a.string(t));
            tolerate(() -> a.length(t));
            tolerate(() -> a.nested(t).size());
        }
        tolerate(() -> a.u32(0xffff)); // masked types never match a missing one
        if (depth < 8) {
            tolerate(() -> a.forEachNested((type, inner) -> exerciseAttributes(inner, depth + 1)));
        }
    }

    private static void tolerate(Runnable r) {
        try {
            r.run();
        } catch (MalformedMessageException expected) {
            // the one acceptable failure
        }
    }
}
