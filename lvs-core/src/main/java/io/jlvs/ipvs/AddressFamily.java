package io.jlvs.ipvs;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/** IPv4 or IPv6, with the AF_* numbers the kernel uses (IPVS_SVC_ATTR_AF, IPVS_DEST_ATTR_ADDR_FAMILY). */
public enum AddressFamily {
    INET(2, 4, 32),
    INET6(10, 16, 128);

    private final int number;
    private final int addressLength;
    private final int maxPrefixLength;

    AddressFamily(int number, int addressLength, int maxPrefixLength) {
        this.number = number;
        this.addressLength = addressLength;
        this.maxPrefixLength = maxPrefixLength;
    }

    /** AF_INET 2 or AF_INET6 10. */
    public int number() {
        return number;
    }

    /** 4 or 16 bytes. */
    public int addressLength() {
        return addressLength;
    }

    /** 32 or 128. */
    public int maxPrefixLength() {
        return maxPrefixLength;
    }

    /** The family of an address: INET for {@link Inet4Address}, INET6 for {@link Inet6Address}. */
    public static AddressFamily of(InetAddress address) {
        Objects.requireNonNull(address, "address");
        if (address instanceof Inet4Address) {
            return INET;
        }
        if (address instanceof Inet6Address) {
            return INET6;
        }
        throw new IllegalArgumentException("address " + address + " is neither IPv4 nor IPv6");
    }

    /** The family with that AF_* number; IllegalArgumentException for any other. */
    public static AddressFamily fromNumber(int number) {
        for (AddressFamily f : values()) {
            if (f.number == number) {
                return f;
            }
        }
        throw new IllegalArgumentException("address family " + number + " is neither AF_INET (2) nor AF_INET6 (10)");
    }
}
