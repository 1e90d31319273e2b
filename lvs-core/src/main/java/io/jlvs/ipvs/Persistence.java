package io.jlvs.ipvs;

import java.time.Duration;

/**
 * Persistence of a virtual service (ipvsadm {@code -p [timeout] [-M netmask]}): for {@code timeout}
 * after its last connection, a client keeps going to the same real server; clients whose addresses
 * agree in the first {@code netmaskPrefixLength} bits count as one client.
 *
 * <p>The netmask is a prefix length for both families. The kernel takes an IPv4 netmask
 * (255.255.255.0) but an IPv6 prefix length ({@code IPVS_SVC_ATTR_NETMASK} of
 * include/uapi/linux/ip_vs.h); the codec converts. Which lengths are valid depends on
 * the family, so {@link VirtualService} checks it: 0..32 for IPv4 (ipvsadm default 32, i.e.
 * 255.255.255.255), 1..128 for IPv6 (default 128; the kernel refuses 0 with EINVAL).
 *
 * @param timeout whole seconds, 1 s .. 4294967295 s (a u32). The kernel keeps it in jiffies
 *     ({@code timeout * HZ} in an unsigned int), so only up to about 49 days survive on every
 *     kernel; ipvsadm allows at most 31 days. Default {@link #DEFAULT_TIMEOUT}.
 * @param netmaskPrefixLength 0..128, see above
 */
public record Persistence(Duration timeout, int netmaskPrefixLength) {
    /** ipvsadm's default persistence timeout: 300 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);

    public Persistence {
        Checks.wholeSeconds(timeout, "persistence timeout", 1, 0xFFFF_FFFFL);
        Checks.range(netmaskPrefixLength, 0, 128, "persistence netmask prefix length");
    }

    /** Persistence per single client address: prefix length 32 for IPv4, 128 for IPv6. */
    public static Persistence of(Duration timeout, AddressFamily family) {
        return new Persistence(timeout, family.maxPrefixLength());
    }

    /** ipvsadm's {@code -p} alone: 300 s, per single client address. */
    public static Persistence defaults(AddressFamily family) {
        return of(DEFAULT_TIMEOUT, family);
    }

    /** This persistence with another timeout. */
    public Persistence withTimeout(Duration newTimeout) {
        return new Persistence(newTimeout, netmaskPrefixLength);
    }

    /** This persistence with another netmask prefix length. */
    public Persistence withNetmaskPrefixLength(int prefixLength) {
        return new Persistence(timeout, prefixLength);
    }

    /** The timeout in seconds, as the kernel takes it. */
    public long timeoutSeconds() {
        return timeout.getSeconds();
    }

    /** As ipvsadm lists it: "persistent 300", "persistent 300 mask 255.255.255.0", "persistent 60 mask 64". */
    String describe(AddressFamily family) {
        StringBuilder text = new StringBuilder("persistent ").append(timeoutSeconds());
        if (netmaskPrefixLength != family.maxPrefixLength()) {
            text.append(" mask ");
            if (family == AddressFamily.INET) {
                int mask = netmaskPrefixLength == 0 ? 0 : -1 << (32 - netmaskPrefixLength);
                text.append(mask >>> 24).append('.').append((mask >>> 16) & 0xff).append('.')
                        .append((mask >>> 8) & 0xff).append('.').append(mask & 0xff);
            } else {
                text.append(netmaskPrefixLength);
            }
        }
        return text.toString();
    }
}
