package io.jlvs.ipvs;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Literal addresses for tests, without DNS. */
final class TestAddresses {
    private TestAddresses() {}

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
