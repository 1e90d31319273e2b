package io.jlvs.netlink.route;

import java.net.InetAddress;

/**
 * One entry of the neighbour table (ARP for IPv4, NDP for IPv6), as {@code ip neigh} shows it.
 *
 * @param mac the hardware address the host will send to, or null (INCOMPLETE, FAILED)
 */
public record Neighbour(int interfaceIndex, String interfaceName, InetAddress address, MacAddress mac,
                        NeighbourState state) {
    @Override
    public String toString() {
        return address.getHostAddress() + " dev " + interfaceName + (mac != null ? " lladdr " + mac : "") + " " + state;
    }
}
