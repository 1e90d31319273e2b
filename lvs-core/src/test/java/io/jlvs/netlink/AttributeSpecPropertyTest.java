package io.jlvs.netlink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** {@link Attribute} specs: what one writes, the same spec reads back unchanged. */
class AttributeSpecPropertyTest {
    private static final Attribute<Integer> U8 = Attribute.u8(1, "u8");
    private static final Attribute<Integer> U16 = Attribute.u16(2, "u16");
    private static final Attribute<Integer> BE16 = Attribute.be16(3, "be16");
    private static final Attribute<Integer> U32 = Attribute.u32(4, "u32");
    private static final Attribute<Integer> BE32 = Attribute.be32(5, "be32");
    private static final Attribute<Long> U64 = Attribute.u64(6, "u64");
    private static final Attribute<String> STRING = Attribute.string(7, "string");
    private static final Attribute<byte[]> BYTES = Attribute.bytes(8, "bytes");

    private static Attributes written(Consumer<MessageWriter> body) {
        MessageWriter w = new MessageWriter();
        w.beginMessage(0x1c, 0, 1, 0).genlHeader(1, 1);
        body.accept(w);
        w.endMessage();
        ByteBuffer b = w.flip();
        List<Message> messages = new ArrayList<>();
        Message.parseAll(b, b.limit(), messages::add);
        return messages.get(0).genlAttributes();
    }

    private static <T> T roundTrip(Attribute<T> spec, T value) {
        return spec.read(written(w -> spec.write(w, value)));
    }

    @Property
    void u8(@ForAll @IntRange(min = 0, max = 0xff) int x) {
        assertEquals(x, roundTrip(U8, x));
    }

    @Property
    void u16(@ForAll @IntRange(min = 0, max = 0xffff) int x) {
        assertEquals(x, roundTrip(U16, x));
    }

    @Property
    void be16(@ForAll @IntRange(min = 0, max = 0xffff) int x) {
        assertEquals(x, roundTrip(BE16, x));
    }

    @Property
    void u32(@ForAll int x) {
        assertEquals(x, roundTrip(U32, x));
    }

    @Property
    void be32(@ForAll int x) {
        assertEquals(x, roundTrip(BE32, x));
    }

    @Property
    void u64(@ForAll long x) {
        assertEquals(x, roundTrip(U64, x));
    }

    @Property
    void string(@ForAll("textWithoutNul") String x) {
        assertEquals(x, roundTrip(STRING, x));
    }

    @Property
    void bytes(@ForAll("payloads") byte[] x) {
        assertArrayEquals(x, roundTrip(BYTES, x));
    }

    @Property
    void allSpecsTogetherInOneMessage(@ForAll @IntRange(min = 0, max = 0xffff) int port, @ForAll int addr,
                                      @ForAll long bytesIn, @ForAll("textWithoutNul") String name) {
        Attributes a = written(w -> {
            BE16.write(w, port);
            BE32.write(w, addr);
            U64.write(w, bytesIn);
            STRING.write(w, name);
        });
        assertEquals(port, BE16.require(a));
        assertEquals(addr, BE32.require(a));
        assertEquals(bytesIn, U64.require(a));
        assertEquals(name, STRING.require(a));
    }

    @Example
    void aNullValueWritesNothingAndReadsBackAsNull() {
        Attributes a = written(w -> U32.write(w, null));
        assertEquals(0, a.size());
        assertNull(U32.read(a));
    }

    @Example
    void requireNamesTheMissingAttribute() {
        Attributes a = written(w -> { });
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> STRING.require(a));
        assertEquals("attribute string (7) missing", e.getMessage());
    }

    @Provide
    Arbitrary<String> textWithoutNul() {
        // NUL ends a string on the wire and lone surrogates have no UTF-8 form; everything else must survive.
        Arbitrary<String> bmp = Arbitraries.strings().withCharRange('\u0001', '\ud7ff').withCharRange('\ue000', '\ufffd')
                .ofMaxLength(200);
        Arbitrary<String> supplementary = Arbitraries.integers().between(0x10000, 0x10ffff)
                .map(Character::toString).list().ofMaxSize(20).map(l -> String.join("", l));
        return Arbitraries.oneOf(bmp, supplementary, Arbitraries.strings().ascii().ofMaxLength(50)
                .map(s -> s.replace('\0', ' ')));
    }

    @Provide
    Arbitrary<byte[]> payloads() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(1000);
    }
}
