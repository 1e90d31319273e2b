package io.jlvs.netlink;

import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * One attribute's layout, described once and used both ways: {@link #write} puts a value into a
 * message, {@link #read} takes it back out of parsed {@link Attributes} (null when absent). Codecs
 * declare their attributes as constants of this type, so the width and byte order of each field is
 * stated in exactly one place.
 *
 * @param <T> the Java type of the value
 */
public final class Attribute<T> {
    private final int type;
    private final String name;
    private final BiConsumer<MessageWriter, T> writer;
    private final BiFunction<Attributes, Integer, T> reader;

    private Attribute(int type, String name, BiConsumer<MessageWriter, T> writer,
                      BiFunction<Attributes, Integer, T> reader) {
        this.type = type;
        this.name = name;
        this.writer = writer;
        this.reader = reader;
    }

    public static Attribute<Integer> u8(int type, String name) {
        return new Attribute<>(type, name, (w, v) -> w.putU8(type, v), Attributes::u8);
    }

    public static Attribute<Integer> u16(int type, String name) {
        return new Attribute<>(type, name, (w, v) -> w.putU16(type, v), Attributes::u16);
    }

    public static Attribute<Integer> be16(int type, String name) {
        return new Attribute<>(type, name, (w, v) -> w.putBe16(type, v), Attributes::be16);
    }

    public static Attribute<Integer> u32(int type, String name) {
        return new Attribute<>(type, name, (w, v) -> w.putU32(type, v), Attributes::u32);
    }

    public static Attribute<Integer> be32(int type, String name) {
        return new Attribute<>(type, name, (w, v) -> w.putBe32(type, v), Attributes::be32);
    }

    public static Attribute<Long> u64(int type, String name) {
        return new Attribute<>(type, name, (w, v) -> w.putU64(type, v), Attributes::u64);
    }

    public static Attribute<String> string(int type, String name) {
        return new Attribute<>(type, name, (w, v) -> w.putString(type, v), Attributes::string);
    }

    public static Attribute<byte[]> bytes(int type, String name) {
        return new Attribute<>(type, name, (w, v) -> w.putBytes(type, v), Attributes::bytes);
    }

    public int type() {
        return type;
    }

    public String name() {
        return name;
    }

    /** Writes {@code value}; a null value writes nothing (the attribute is optional). */
    public void write(MessageWriter w, T value) {
        if (value != null) {
            writer.accept(w, value);
        }
    }

    /** The value, or null when the attribute is absent. */
    public T read(Attributes attrs) {
        return attrs.has(type) ? reader.apply(attrs, type) : null;
    }

    /** The value; a missing attribute is a malformed message naming this attribute. */
    public T require(Attributes attrs) {
        if (!attrs.has(type)) {
            throw new MalformedMessageException("attribute " + name + " (" + type + ") missing");
        }
        return reader.apply(attrs, type);
    }

    @Override
    public String toString() {
        return name + "(" + type + ")";
    }
}
