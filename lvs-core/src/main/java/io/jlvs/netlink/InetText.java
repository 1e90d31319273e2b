package io.jlvs.netlink;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Addresses as text in RFC 5952's form, as inet_ntop and the kernel's tools print them: IPv4 dotted,
 * IPv6 in lower case with the first longest run of two or more zero groups as "::" and IPv4-mapped
 * addresses as "::ffff:a.b.c.d"; no host name, no scope. Java's own {@code getHostAddress()} never
 * compresses ("0:0:0:0:0:0:0:1").
 */
public final class InetText {
    private InetText() {}

    /** The address alone: "10.0.0.1", "2001:db8::1". */
    public static String format(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        return formatIpv6(address.getAddress());
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
