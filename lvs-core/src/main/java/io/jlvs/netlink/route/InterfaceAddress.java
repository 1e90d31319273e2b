package io.jlvs.netlink.route;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * An address to put on (or take off) an interface: what {@code ip addr add 10.0.0.100/24 dev eth0
 * label eth0:1} says. Checked when made, so a bad setting fails before anything reaches the kernel.
 *
 * <p>Labels are IPv4 aliases in the ifconfig style ({@code eth0:1}); they must be the interface name
 * itself or start with it followed by a colon, as iproute2 (ip/ipaddress.c) insists, because tools that
 * list addresses by label (SIOCGIFCONF, ifconfig) map a label back to its interface by that prefix. The
 * kernel keeps at most IFNAMSIZ-1 = 15 bytes. IPv6 addresses have no labels (the kernel ignores
 * IFA_LABEL for AF_INET6), so one is refused rather than silently dropped.
 *
 * @param interfaceName the interface, e.g. {@code eth0}
 * @param address       the address itself (the VIP)
 * @param prefixLength  the netmask as a prefix length: 0..32 for IPv4, 0..128 for IPv6
 * @param label         the IPv4 label; the interface name when none was given
 */
public record InterfaceAddress(String interfaceName, InetAddress address, int prefixLength, String label) {
    private static final int MAX_NAME_BYTES = 15;

    public InterfaceAddress {
        checkInterfaceName(interfaceName);
        Objects.requireNonNull(address, "address");
        int max = address instanceof Inet4Address ? 32 : 128;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " for " + address.getHostAddress()
                    + " must be 0.." + max);
        }
        if (label == null || label.isEmpty()) {
            label = interfaceName;
        } else if (!label.equals(interfaceName)) {
            if (address instanceof Inet6Address) {
                throw new IllegalArgumentException("label " + label + " for IPv6 address " + address.getHostAddress()
                        + ": IPv6 addresses have no labels (the kernel ignores IFA_LABEL for IPv6); leave it out");
            }
            if (!label.startsWith(interfaceName + ":")) {
                throw new IllegalArgumentException("label " + label + " must start with the interface name "
                        + interfaceName + " followed by ':' (e.g. " + interfaceName + ":1)");
            }
            if (label.length() > MAX_NAME_BYTES || !label.chars().allMatch(c -> c > ' ' && c < 127)) {
                throw new IllegalArgumentException("label " + label + " must be at most " + MAX_NAME_BYTES
                        + " printable ASCII characters (IFNAMSIZ)");
            }
        }
    }

    /** {@code address/prefixLength} on {@code interfaceName}, labelled with the interface name. */
    public static InterfaceAddress of(String interfaceName, InetAddress address, int prefixLength) {
        return new InterfaceAddress(interfaceName, address, prefixLength, null);
    }

    /** The same address with an alias label such as {@code eth0:1}. */
    public InterfaceAddress withLabel(String newLabel) {
        return new InterfaceAddress(interfaceName, address, prefixLength, newLabel);
    }

    public boolean isIpv4() {
        return address instanceof Inet4Address;
    }

    /**
     * The IPv4 directed broadcast of this subnet (all host bits set), what {@code ip addr add ... brd +}
     * computes; null for IPv6 and for /31 and /32, which have no broadcast address (RFC 3021).
     */
    public Inet4Address broadcast() {
        if (!isIpv4() || prefixLength >= 31) {
            return null;
        }
        byte[] b = address.getAddress();
        int value = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        int hostMask = prefixLength == 0 ? -1 : (1 << (32 - prefixLength)) - 1;
        value |= hostMask;
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {
                (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e); // four bytes are always a valid address
        }
    }

    static void checkInterfaceName(String name) {
        // dev_valid_name (net/core/dev.c): 1..15 bytes, not "." or "..", no '/', ':' or whitespace.
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_BYTES || name.equals(".") || name.equals("..")
                || !name.chars().allMatch(c -> c > ' ' && c < 127 && c != '/' && c != ':')) {
            throw new IllegalArgumentException("bad interface name '" + name
                    + "': 1 to 15 characters without '/', ':' or spaces (an alias like eth0:1 is a label, not an interface)");
        }
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength + " dev " + interfaceName
                + (label.equals(interfaceName) ? "" : " label " + label);
    }
}
