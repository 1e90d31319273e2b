package io.jlvs.netlink;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A request to send: the netlink message type (a generic-netlink family id, say), the flags beyond
 * NLM_F_REQUEST, and what comes after struct nlmsghdr. The connection fills in length, sequence
 * number and port id.
 *
 * <p>Its {@linkplain #description() description} says what the request does in the operator's words,
 * for error messages ("add service TCP 10.0.0.1:80"). It may be given as a supplier, made only when a
 * message needs it: a batch of 60,000 operations that all succeed then formats none of them (formatting
 * them took longer than encoding and sending them).
 */
public final class Request {
    private final int type;
    private final int flags;
    private final Consumer<MessageWriter> body;
    private final Supplier<String> description;

    public Request(int type, int flags, Consumer<MessageWriter> body, String description) {
        this(type, flags, body, constant(description));
    }

    /** A request whose description is made by {@code description} when (and each time) it is asked for. */
    public Request(int type, int flags, Consumer<MessageWriter> body, Supplier<String> description) {
        this.type = type;
        this.flags = flags;
        this.body = Objects.requireNonNull(body, "body");
        this.description = Objects.requireNonNull(description, "description");
    }

    /** A generic-netlink request: genlmsghdr(command, version) followed by {@code attributes}. */
    public static Request genl(int familyId, int command, int version, int flags,
                               Consumer<MessageWriter> attributes, String description) {
        return genl(familyId, command, version, flags, attributes, constant(description));
    }

    /** The same, its description made only when asked for. */
    public static Request genl(int familyId, int command, int version, int flags,
                               Consumer<MessageWriter> attributes, Supplier<String> description) {
        return new Request(familyId, flags, w -> {
            w.genlHeader(command, version);
            attributes.accept(w);
        }, description);
    }

    /** The netlink message type. */
    public int type() {
        return type;
    }

    /** Flags beyond NLM_F_REQUEST. */
    public int flags() {
        return flags;
    }

    /** Writes what follows struct nlmsghdr. */
    public Consumer<MessageWriter> body() {
        return body;
    }

    /** What the request does, in the operator's words. */
    public String description() {
        return description.get();
    }

    @Override
    public String toString() {
        return description();
    }

    private static Supplier<String> constant(String description) {
        Objects.requireNonNull(description, "description");
        return () -> description;
    }
}
