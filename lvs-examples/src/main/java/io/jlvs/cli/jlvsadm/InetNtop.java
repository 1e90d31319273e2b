package io.jlvs.cli.jlvsadm;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Addresses as text exactly as glibc's inet_ntop writes them, which is what ipvsadm prints: IPv4
 * dotted quad; IPv6 in lower-case hex with the first longest run of two or more zero groups as "::",
 * and the last 32 bits as a dotted quad for IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible
 * (::a.b.c.d) addresses. Java's own getHostAddress() never compresses.
 */
final class InetNtop {
    private InetNtop() {}

    static String format(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return dotted(b, 0);
        }
        return ipv6(b);
    }

    /** inet_ntop6 of glibc (resolv/inet_ntop.c). */
    static String ipv6(byte[] b) {
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestBase = -1;
        int bestLen = 0;
        int curBase = -1;
        int curLen = 0;
        for (int i = 0; i < 8; i++) {
            if (words[i] == 0) {
                if (curBase == -1) {
                    curBase = i;
                    curLen = 1;
                } else {
                    curLen++;
                }
            } else if (curBase != -1) {
                if (bestBase == -1 || curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
                curBase = -1;
            }
        }
        if (curBase != -1 && (bestBase == -1 || curLen > bestLen)) {
            bestBase = curBase;
            bestLen = curLen;
        }
        if (bestBase != -1 && bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder text = new StringBuilder(46);
        for (int i = 0; i < 8; i++) {
            if (bestBase != -1 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    text.append(':');
                }
                continue;
            }
            if (i != 0) {
                text.append(':');
            }
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && words[5] == 0xffff))) {
                text.append(dotted(b, 12));
                break;
            }
            text.append(Integer.toHexString(words[i]));
        }
        if (bestBase != -1 && bestBase + bestLen == 8) {
            text.append(':');
        }
        return text.toString();
    }

    private static String dotted(byte[] b, int offset) {
        return (b[offset] & 0xff) + "." + (b[offset + 1] & 0xff) + "." + (b[offset + 2] & 0xff) + "." + (b[offset + 3] & 0xff);
    }
}
