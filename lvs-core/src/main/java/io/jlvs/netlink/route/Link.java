package io.jlvs.netlink.route;

/**
 * A network interface as the kernel reports it (RTM_NEWLINK).
 *
 * @param index     ifindex, stable while the interface exists
 * @param name      e.g. {@code eth0}
 * @param mac       hardware address, or null for links without one (loopback has 00:..:00, tunnels none)
 * @param up        administratively up (IFF_UP)
 * @param operState what the kernel thinks of the carrier; a veth whose peer is down is LOWER_LAYER_DOWN
 * @param mtu       bytes
 */
public record Link(int index, String name, MacAddress mac, boolean up, OperState operState, int mtu) {
    @Override
    public String toString() {
        return name + " (index " + index + (mac != null ? ", " + mac : "") + (up ? ", up" : ", down")
                + ", " + operState + ", mtu " + mtu + ")";
    }
}
