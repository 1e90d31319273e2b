package io.jlvs.netlink.route;

import static io.jlvs.netlink.route.internal.RouteUapi.IFA_F_DADFAILED;
import static io.jlvs.netlink.route.internal.RouteUapi.IFA_F_SECONDARY;
import static io.jlvs.netlink.route.internal.RouteUapi.IFA_F_TENTATIVE;

import java.net.InetAddress;

/**
 * An address the kernel has on an interface (RTM_NEWADDR), as {@code ip -o addr show} lists it.
 *
 * @param label the IPv4 label (eth0:1), the interface name when none, or for IPv6
 * @param flags ifa_flags / IFA_FLAGS bits (include/uapi/linux/if_addr.h IFA_F_*)
 */
public record AssignedAddress(int interfaceIndex, String interfaceName, InetAddress address, int prefixLength,
                              String label, AddressScope scope, int flags) {

    /** True when this is {@code wanted}: same interface, address and prefix length (the label is not compared). */
    public boolean matches(InterfaceAddress wanted) {
        return interfaceName.equals(wanted.interfaceName()) && address.equals(wanted.address())
                && prefixLength == wanted.prefixLength();
    }

    /** IFA_F_SECONDARY: another address of the same subnet was there first (IPv4). */
    public boolean secondary() {
        return (flags & IFA_F_SECONDARY) != 0;
    }

    /** IFA_F_TENTATIVE: IPv6 duplicate address detection has not finished; the address is not yet usable. */
    public boolean tentative() {
        return (flags & IFA_F_TENTATIVE) != 0;
    }

    /** IFA_F_DADFAILED: IPv6 duplicate address detection found another owner. */
    public boolean dadFailed() {
        return (flags & IFA_F_DADFAILED) != 0;
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength + " dev " + interfaceName
                + (label == null || label.equals(interfaceName) ? "" : " label " + label)
                + " scope " + scope.name().toLowerCase(java.util.Locale.ROOT);
    }
}
