package io.jlvs.netlink.route;

import static io.jlvs.netlink.route.internal.RouteUapi.*;

/** State of a neighbour (ARP / NDP) entry: include/uapi/linux/neighbour.h NUD_*. */
public enum NeighbourState {
    NONE(0), INCOMPLETE(NUD_INCOMPLETE), REACHABLE(NUD_REACHABLE), STALE(NUD_STALE), DELAY(NUD_DELAY),
    PROBE(NUD_PROBE), FAILED(NUD_FAILED), NOARP(NUD_NOARP), PERMANENT(NUD_PERMANENT);

    private final int bit;

    NeighbourState(int bit) {
        this.bit = bit;
    }

    /** The state an entry's ndm_state names (one bit is set in practice; the highest wins otherwise). */
    public static NeighbourState fromKernel(int state) {
        NeighbourState found = NONE;
        for (NeighbourState s : values()) {
            if (s.bit != 0 && (state & s.bit) != 0) {
                found = s;
            }
        }
        return found;
    }

    /** True when the entry holds a usable hardware address (what {@code ip neigh} shows with lladdr). */
    public boolean hasAddress() {
        return this == REACHABLE || this == STALE || this == DELAY || this == PROBE || this == PERMANENT || this == NOARP;
    }
}
