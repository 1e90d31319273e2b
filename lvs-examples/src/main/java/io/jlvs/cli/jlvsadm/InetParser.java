package io.jlvs.cli.jlvsadm;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Addresses read as ipvsadm reads them: inet_aton (which also takes "10.1", "0x0a000001" and octal
 * parts), inet_pton for IPv6 (strict: no brackets, no zone), and gethostbyname for names (IPv4 only,
 * the first address). Literals never cause a name lookup.
 */
final class InetParser {
    private InetParser() {}

    /** glibc's inet_aton; null when it would return 0. */
    static Inet4Address inetAton(String s) {
        long[] parts = new long[4];
        int count = 0;
        int i = 0;
        long value;
        while (true) {
            if (i >= s.length() || !CNumbers.isDigit(s.charAt(i))) {
                return null;
            }
            // strtoul(cp, &end, 0): "0x" and a hex digit starts hex, "0" octal, anything else decimal
            int base = 10;
            if (s.charAt(i) == '0') {
                boolean hex = i + 2 < s.length() && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                        && hexDigit(s.charAt(i + 2)) >= 0;
                base = hex ? 16 : 8;
                i += hex ? 2 : 0;
            }
            value = 0;
            while (i < s.length() && digit(s.charAt(i), base) >= 0) {
                value = value * base + digit(s.charAt(i), base);
                if (value > 0xFFFF_FFFFL) {
                    return null;
                }
                i++;
            }
            if (i < s.length() && s.charAt(i) == '.') {
                if (count > 2 || value > 0xff) {
                    return null;
                }
                parts[count++] = value;
                i++;
            } else {
                break;
            }
        }
        if (i < s.length() && !CNumbers.isSpace(s.charAt(i))) {
            return null;
        }
        long[] max = {0xFFFF_FFFFL, 0xFF_FFFFL, 0xFFFFL, 0xFFL};
        if (value > max[count]) {
            return null;
        }
        long word = value;
        for (int k = 0; k < count; k++) {
            word |= parts[k] << (24 - 8 * k);
        }
        byte[] bytes = {(byte) (word >>> 24), (byte) (word >>> 16), (byte) (word >>> 8), (byte) word};
        return (Inet4Address) byAddress(bytes);
    }

    /** glibc's inet_pton(AF_INET6, ...); null when it would return 0. */
    static Inet6Address inetPton6(String s) {
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
            return null;
        }
        String head = doubleColon < 0 ? s : s.substring(0, doubleColon);
        String tail = doubleColon < 0 ? "" : s.substring(doubleColon + 2);
        int[] headWords = words(head, doubleColon < 0);
        int[] tailWords = doubleColon < 0 ? new int[0] : words(tail, true);
        if (headWords == null || tailWords == null) {
            return null;
        }
        int total = headWords.length + tailWords.length;
        if (doubleColon < 0 ? total != 8 : total > 7) {
            return null;
        }
        byte[] bytes = new byte[16];
        for (int k = 0; k < headWords.length; k++) {
            put(bytes, k, headWords[k]);
        }
        for (int k = 0; k < tailWords.length; k++) {
            put(bytes, 8 - tailWords.length + k, tailWords[k]);
        }
        return (Inet6Address) byAddress16(bytes);
    }

    /** glibc's inet_pton(AF_INET, ...): exactly a.b.c.d in decimal; null otherwise. */
    static Inet4Address inetPton4(String s) {
        byte[] bytes = strictDottedQuad(s);
        return bytes == null ? null : (Inet4Address) byAddress(bytes);
    }

    /** gethostbyname: the first IPv4 address of a name; null if there is none. */
    static Inet4Address hostToAddress(String name) {
        if (name.isEmpty()) {
            return null;
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(name)) {
                if (a instanceof Inet4Address v4) {
                    return (Inet4Address) byAddress(v4.getAddress());
                }
            }
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
        return null;
    }

    /** Colon-separated groups of 1..4 hex digits, the last one (if allowed) maybe a dotted quad (two words). */
    private static int[] words(String part, boolean ipv4Allowed) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] groups = part.split(":", -1);
        int[] out = new int[groups.length + 1];
        int n = 0;
        for (int g = 0; g < groups.length; g++) {
            String group = groups[g];
            if (g == groups.length - 1 && ipv4Allowed && group.indexOf('.') >= 0) {
                byte[] v4 = strictDottedQuad(group);
                if (v4 == null) {
                    return null;
                }
                out[n++] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
                out[n++] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
                continue;
            }
            if (group.isEmpty() || group.length() > 4) {
                return null;
            }
            int value = 0;
            for (int k = 0; k < group.length(); k++) {
                int d = hexDigit(group.charAt(k));
                if (d < 0) {
                    return null;
                }
                value = value * 16 + d;
            }
            out[n++] = value;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** inet_pton4: exactly four decimal parts 0..255 without leading zeros. */
    private static byte[] strictDottedQuad(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int k = 0; k < 4; k++) {
            String p = parts[k];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
                return null;
            }
            int v = 0;
            for (int c = 0; c < p.length(); c++) {
                if (!CNumbers.isDigit(p.charAt(c))) {
                    return null;
                }
                v = v * 10 + (p.charAt(c) - '0');
            }
            if (v > 255) {
                return null;
            }
            bytes[k] = (byte) v;
        }
        return bytes;
    }

    private static int hexDigit(char c) {
        return c < 0x80 ? Character.digit(c, 16) : -1;
    }

    private static int digit(char c, int base) {
        return c < 0x80 ? Character.digit(c, base) : -1;
    }

    private static void put(byte[] bytes, int word, int value) {
        bytes[2 * word] = (byte) (value >>> 8);
        bytes[2 * word + 1] = (byte) value;
    }

    private static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static InetAddress byAddress16(byte[] bytes) {
        try {
            return Inet6Address.getByAddress(null, bytes, -1);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
