package io.jlvs.netlink.route;

import java.util.Arrays;
import java.util.HexFormat;

/** An Ethernet (IEEE 802) hardware address: six bytes, shown as {@code 02:00:5e:10:00:01}. */
public final class MacAddress {
    public static final int LENGTH = 6;
    /** ff:ff:ff:ff:ff:ff, every station on the segment. */
    public static final MacAddress BROADCAST = new MacAddress(new byte[] {-1, -1, -1, -1, -1, -1});
    /** 00:00:00:00:00:00, "unknown" in an ARP request's target hardware address (RFC 826). */
    public static final MacAddress ZERO = new MacAddress(new byte[LENGTH]);

    private static final HexFormat FORMAT = HexFormat.ofDelimiter(":");
    private final byte[] bytes;

    private MacAddress(byte[] bytes) {
        this.bytes = bytes;
    }

    /** From six bytes (copied). */
    public static MacAddress of(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a MAC address has 6 bytes, got "
                    + (bytes == null ? "none" : bytes.length));
        }
        return new MacAddress(bytes.clone());
    }

    /** From text such as {@code 02:00:5e:10:00:01} (case-insensitive). */
    public static MacAddress parse(String text) {
        byte[] b;
        try {
            b = FORMAT.parseHex(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad MAC address '" + text + "': expected six hex pairs like 02:00:5e:10:00:01");
        }
        if (b.length != LENGTH) {
            throw new IllegalArgumentException("bad MAC address '" + text + "': expected six hex pairs like 02:00:5e:10:00:01");
        }
        return new MacAddress(b);
    }

    /** The six bytes (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MacAddress other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return FORMAT.formatHex(bytes);
    }
}
