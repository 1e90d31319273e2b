package io.jlvs.failover;

import io.jlvs.netlink.route.InterfaceAddress;
import java.net.InetAddress;
import java.util.Objects;

/**
 * An address that moves to whichever director is active: a virtual server's VIP on the public side,
 * or, for NAT, the real servers' gateway on the private side (Piranha's {@code nat_router}).
 *
 * @param address where it goes: interface, address, netmask and label
 * @param kind    what it is for, for logs and reports
 */
public record FloatingAddress(InterfaceAddress address, Kind kind) {

    /** What a floating address is for. */
    public enum Kind {
        /** The address clients connect to. */
        VIRTUAL_IP,
        /** The private-side gateway the real servers route replies through under NAT (Piranha's nat_router). */
        NAT_ROUTER
    }

    public FloatingAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(kind, "kind");
    }

    /** A VIP. */
    public static FloatingAddress virtualIp(InterfaceAddress address) {
        return new FloatingAddress(address, Kind.VIRTUAL_IP);
    }

    /** The NAT gateway address. */
    public static FloatingAddress natRouter(InterfaceAddress address) {
        return new FloatingAddress(address, Kind.NAT_ROUTER);
    }

    /**
     * From a Piranha-style device such as {@code eth0:1}: the interface is the part before the colon and
     * the whole is the label ({@code eth0} alone means no alias label).
     */
    public static FloatingAddress onDevice(Kind kind, InetAddress address, int prefixLength, String device) {
        Objects.requireNonNull(device, "device");
        int colon = device.indexOf(':');
        String interfaceName = colon < 0 ? device : device.substring(0, colon);
        return new FloatingAddress(new InterfaceAddress(interfaceName, address, prefixLength, device), kind);
    }

    public InetAddress ip() {
        return address.address();
    }

    public String interfaceName() {
        return address.interfaceName();
    }

    @Override
    public String toString() {
        return (kind == Kind.VIRTUAL_IP ? "VIP " : "NAT router ") + address;
    }
}
