package io.jlvs.ipvs;

import java.net.InetAddress;

/**
 * What identifies a real server within its service: address and port (the address's family comes
 * with it). Deleting a real server needs only this.
 *
 * <p>{@code toString()} is ipvsadm's: "10.0.0.2:80", "[2001:db8::2]:80".
 *
 * @param address IPv4 or IPv6; an {@link java.net.Inet6Address} holding an IPv4-mapped address is
 *     an IPv6 real server
 * @param port 0..65535 (ipvsadm uses the service's port for direct routing and tunnelling)
 */
public record RealServerAddress(InetAddress address, int port) {
    public RealServerAddress {
        address = Addresses.normalize(address, "real server address");
        Checks.port(port, "real server port");
    }

    /** The address family of the real server. */
    public AddressFamily family() {
        return AddressFamily.of(address);
    }

    @Override
    public String toString() {
        return Addresses.endpoint(address, port);
    }
}
