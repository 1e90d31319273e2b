package io.jlvs.config.internal;

import io.jlvs.config.InterfaceAddress;
import io.jlvs.ipvs.AddressFamily;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Value parsers shared by the lvs.cf binder and the importers. Each throws IllegalArgumentException
 * whose message says what was expected and what was found; the caller adds file, line and key.
 * Addresses are literals only: a configuration never waits on DNS.
 */
public final class Values {
    private static final Pattern LEADING_ZERO = Pattern.compile("(^|\\.)0\\d");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");
    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9_.@-]+(:[A-Za-z0-9_.-]+)?");

    private Values() {}

    /** 0/1 as Piranha writes them; also yes/no, true/false, on/off. */
    public static boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "1", "yes", "true", "on" -> true;
            case "0", "no", "false", "off" -> false;
            default -> throw new IllegalArgumentException("must be 0 or 1, got '" + text + "'");
        };
    }

    public static long integer(String text, long min, long max) {
        long value;
        try {
            value = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number " + min + ".." + max + ", got '" + text + "'");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("must be " + min + ".." + max + ", got " + value);
        }
        return value;
    }

    public static int integer(String text, int min, int max) {
        return (int) integer(text, (long) min, (long) max);
    }

    /**
     * A time: seconds as Piranha writes them ("6", also decimal "0.5"), or with a unit ("500ms", "6s",
     * "1.5m", "1h"); rounded to whole milliseconds.
     * Must lie within min..max.
     */
    public static Duration duration(String text, Duration min, Duration max) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("must be a time in seconds like 6 or 0.5 (or with ms, s, m, h), got '" + text + "'");
        }
        String unit = m.group(2) == null ? "s" : m.group(2);
        // Decimals are allowed (issue 6: "keepalive = 0.5"); the result is rounded to whole
        // milliseconds, so "0.0001" becomes zero and is then rejected by the range check.
        java.math.BigDecimal millis = new java.math.BigDecimal(m.group(1)).multiply(switch (unit) {
            case "ms" -> java.math.BigDecimal.ONE;
            case "m" -> java.math.BigDecimal.valueOf(60_000);
            case "h" -> java.math.BigDecimal.valueOf(3_600_000);
            default -> java.math.BigDecimal.valueOf(1_000);
        }).setScale(0, java.math.RoundingMode.HALF_UP);
        if (millis.compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE / 2)) > 0) {
            throw new IllegalArgumentException("is too large: '" + text + "'");
        }
        Duration d = Duration.ofMillis(millis.longValueExact());
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new IllegalArgumentException("must be " + describe(min) + ".." + describe(max) + ", got '" + text + "'");
        }
        return d;
    }

    /** A duration as lvs.cf writes it: "6" for whole seconds, "500ms" otherwise. */
    public static String describe(Duration d) {
        if (d.toMillis() % 1000 == 0) {
            return Long.toString(d.toSeconds());
        }
        return d.toMillis() + "ms";
    }

    /**
     * An IPv4 or IPv6 literal, as Guava's InetAddresses reads one (IPv6 may be in brackets). An IPv4
     * octet with a leading zero is refused: Piranha and ipvsadm (inet_aton) read {@code 010} as octal 8,
     * Java as 10, so either reading would surprise someone (docs/lvs.cf.md).
     */
    public static InetAddress address(String text) {
        String s = text.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        int[] octets = dottedQuad(s);
        if (octets != null) {
            for (int octet : octets) {
                if (octet > 255) {
                    throw new IllegalArgumentException("'" + text + "' is not an IPv4 address (octet " + octet + ")");
                }
            }
        }
        if (octets != null && LEADING_ZERO.matcher(s).find()) {
            throw new IllegalArgumentException("'" + text + "': an IPv4 octet with a leading zero is ambiguous (octal to"
                    + " Piranha and ipvsadm, decimal to Java); write it without the zero");
        }
        InetAddress a;
        try {
            a = com.google.common.net.InetAddresses.forString(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be an IPv4 or IPv6 address, got '" + text + "'");
        } catch (NoClassDefFoundError e) {
            io.jlvs.internal.Libraries.require("reading addresses (io.jlvs.config)", io.jlvs.internal.Libraries.GUAVA);
            throw e;
        }
        if (a instanceof Inet6Address) {
            try {
                return Inet6Address.getByAddress(null, a.getAddress(), -1);   // no scope: lvs.cf names devices itself
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return a;
    }

    /** "ADDRESS" or "ADDRESS DEVICE[:ALIAS]", as lvs.cf's address and nat_router. */
    public static InterfaceAddress interfaceAddress(String text) {
        String[] words = words(text);
        if (words.length == 0 || words[0].isEmpty() || words.length > 2) {
            throw new IllegalArgumentException("must be 'ADDRESS' or 'ADDRESS DEVICE' (e.g. '10.23.8.80 eth0:1'), got '"
                    + text + "'");
        }
        InetAddress address = address(words[0]);
        Optional<String> device = Optional.empty();
        if (words.length == 2) {
            if (!DEVICE.matcher(words[1]).matches() || words[1].length() > 15) {
                throw new IllegalArgumentException("'" + words[1] + "' is not a device name (up to 15 characters, "
                        + "optionally with ':alias')");
            }
            device = Optional.of(words[1]);
        }
        return new InterfaceAddress(address, device);
    }

    /** The text split at runs of whitespace, without a regular expression; empty text gives {""}. */
    static String[] words(String text) {
        java.util.List<String> out = new java.util.ArrayList<>(2);
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(text.substring(start, i));
            }
        }
        return out.isEmpty() ? new String[] {""} : out.toArray(String[]::new);
    }

    /**
     * A netmask as a prefix length: dotted ("255.255.255.0", IPv4 only) or a prefix length ("24",
     * "/24"), up to {@code maxPrefix}. A dotted mask must be contiguous ones then zeros.
     */
    public static int netmask(String text, int maxPrefix) {
        String s = text.strip();
        if (s.startsWith("/")) {
            s = s.substring(1);
        }
        if (dottedQuad(s) != null) {
            if (maxPrefix != 32) {
                throw new IllegalArgumentException("an IPv6 netmask must be a prefix length 0..128, got '" + text + "'");
            }
            byte[] b = address(s).getAddress();
            int mask = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
            int prefix = Integer.bitCount(mask);
            int expected = prefix == 0 ? 0 : -1 << (32 - prefix);
            if (mask != expected) {
                throw new IllegalArgumentException("'" + text + "' is not a netmask (ones must be contiguous)");
            }
            return prefix;
        }
        try {
            return integer(s, 0, maxPrefix);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be a netmask (255.255.255.0) or a prefix length 0.."
                    + maxPrefix + ", got '" + text + "'");
        }
    }

    /** A prefix length as lvs.cf writes it: dotted for IPv4, the number for IPv6. */
    public static String netmaskText(int prefix, boolean ipv4) {
        if (!ipv4) {
            return Integer.toString(prefix);
        }
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        return (mask >>> 24) + "." + ((mask >>> 16) & 0xff) + "." + ((mask >>> 8) & 0xff) + "." + (mask & 0xff);
    }

    /** An address as written back: dotted IPv4, full-form IPv6 (both read back identically). */
    public static String addressText(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        String s = address.getHostAddress();
        int percent = s.indexOf('%');
        return percent < 0 ? s : s.substring(0, percent);
    }

    /**
     * Four groups of one to three ASCII digits joined by dots, as numbers (each may still exceed 255),
     * or null. By hand rather than a regular expression: a large lvs.cf has tens of thousands.
     */
    private static int[] dottedQuad(String s) {
        int[] octets = new int[4];
        int group = 0;
        int digits = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > 3) {
                    return null;
                }
                octets[group] = octets[group] * 10 + (c - '0');
            } else if (c == '.' && digits > 0 && group < 3) {
                group++;
                digits = 0;
            } else {
                return null;
            }
        }
        return group == 3 && digits > 0 ? octets : null;
    }

    /** "IPv4" or "IPv6", as an operator says it. */
    public static String familyName(AddressFamily family) {
        return family == AddressFamily.INET ? "IPv4" : "IPv6";
    }

    /** Levenshtein distance, for "did you mean" on misspelt keys. */
    public static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
