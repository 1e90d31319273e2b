package io.jlvs.netlink;

import java.util.function.Consumer;

/**
 * A request to send: the netlink message type (a generic-netlink family id, say), the flags beyond
 * NLM_F_REQUEST, and what comes after struct nlmsghdr. The connection fills in length, sequence
 * number and port id.
 *
 * @param description what the request does in the operator's words, for error messages
 *                    ("add service TCP 10.0.0.1:80")
 */
public record Request(int type, int flags, Consumer<MessageWriter> body, String description) {

    /** A generic-netlink request: genlmsghdr(command, version) followed by {@code attributes}. */
    public static Request genl(int familyId, int command, int version, int flags,
                               Consumer<MessageWriter> attributes, String description) {
        return new Request(familyId, flags, w -> {
            w.genlHeader(command, version);
            attributes.accept(w);
        }, description);
    }

    @Override
    public String toString() {
        return description;
    }
}
