package io.jlvs.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Address literals for tests. */
public final class Inet {
    private Inet() {}

    /** The address written as {@code literal} ("10.0.0.1", "2001:db8::1"); never a name lookup. */
    public static InetAddress ip(String literal) {
        if (!literal.matches("[0-9a-fA-F.:]+")) {
            throw new IllegalArgumentException("not an address literal: " + literal);
        }
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
