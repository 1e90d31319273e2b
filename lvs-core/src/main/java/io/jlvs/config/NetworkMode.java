package io.jlvs.config;

import io.jlvs.ipvs.ForwardingMethod;
import java.util.Locale;

/** How packets reach the real servers: lvs.cf {@code network} (and jLVS's per-service {@code forward}). */
public enum NetworkMode {
    /** Network address translation; the real servers route replies through the director's nat_router. */
    NAT(ForwardingMethod.MASQUERADE),
    /** Direct routing: the real servers hold the VIP themselves and answer clients directly. */
    DIRECT(ForwardingMethod.DIRECT_ROUTE),
    /** IP-in-IP tunnelling to the real servers. */
    TUNNEL(ForwardingMethod.TUNNEL);

    private final ForwardingMethod forwarding;

    NetworkMode(ForwardingMethod forwarding) {
        this.forwarding = forwarding;
    }

    /** The IPVS forwarding method for real servers. */
    public ForwardingMethod forwarding() {
        return forwarding;
    }

    /** The lvs.cf word: "nat", "direct", "tunnel". */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode for an lvs.cf word (case-insensitive); IllegalArgumentException otherwise. */
    public static NetworkMode fromConfigName(String word) {
        for (NetworkMode m : values()) {
            if (m.configName().equalsIgnoreCase(word)) {
                return m;
            }
        }
        throw new IllegalArgumentException("must be nat, direct or tunnel, got '" + word + "'");
    }
}
