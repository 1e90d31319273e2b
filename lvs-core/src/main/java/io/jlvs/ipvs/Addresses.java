package io.jlvs.ipvs;

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
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        return formatIpv6(address.getAddress());
    }

    /** Address and port as ipvsadm shows them: "10.0.0.1:80", "[2001:db8::1]:80". */
    static String endpoint(InetAddress address, int port) {
        if (address instanceof Inet4Address) {
            return format(address) + ":" + port;
        }
        return "[" + format(address) + "]:" + port;
    }

    private static String formatIpv6(byte[] b) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        if (groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0
                && groups[5] == 0xffff) {
            return "::ffff:" + (b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + "." + (b[15] & 0xff);
        }
        // RFC 5952 4.2: shorten the longest run of two or more zero groups, the first if tied.
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int end = i;
            while (end < 8 && groups[end] == 0) {
                end++;
            }
            if (end - i > bestLength) {
                bestStart = i;
                bestLength = end - i;
            }
            i = end;
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
