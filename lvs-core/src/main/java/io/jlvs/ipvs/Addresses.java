package io.jlvs.ipvs;

import io.jlvs.netlink.InetText;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * Address normalisation and display, shared by the value types.
 *
 * <p>Normalising drops the host name and the IPv6 scope (the kernel has neither), so that equal
 * addresses give equal records; it keeps the class, so an {@link Inet6Address} holding an
 * IPv4-mapped address stays IPv6 (Java's {@code InetAddress.getByAddress} would turn it into an
 * {@link Inet4Address} and change the family).
 *
 * <p>Display follows RFC 5952 (lower case, longest zero run as "::", IPv4-mapped as
 * "::ffff:a.b.c.d"), as ipvsadm prints with inet_ntop; Java's own {@code getHostAddress()} does not
 * compress.
 */
final class Addresses {
    private Addresses() {}

    static InetAddress normalize(InetAddress address, String what) {
        Objects.requireNonNull(address, what);
        byte[] bytes = address.getAddress();
        try {
            if (address instanceof Inet6Address) {
                return Inet6Address.getByAddress(null, bytes, -1);
            }
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError("a 4- or 16-byte address is always valid", e);
        }
    }

    /** The address alone: "10.0.0.1", "2001:db8::1". */
    static String format(InetAddress address) {
        return InetText.format(address);
    }

    /** Address and port as ipvsadm shows them: "10.0.0.1:80", "[2001:db8::1]:80". */
    static String endpoint(InetAddress address, int port) {
        if (address instanceof Inet4Address) {
            return format(address) + ":" + port;
        }
        return "[" + format(address) + "]:" + port;
    }
}
