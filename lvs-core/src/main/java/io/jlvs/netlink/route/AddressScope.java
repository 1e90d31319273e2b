package io.jlvs.netlink.route;

import static io.jlvs.netlink.route.internal.RouteUapi.*;

/** Where an address is valid: include/uapi/linux/rtnetlink.h enum rt_scope_t, in {@code ip addr}'s words. */
public enum AddressScope {
    GLOBAL(RT_SCOPE_UNIVERSE), SITE(RT_SCOPE_SITE), LINK(RT_SCOPE_LINK), HOST(RT_SCOPE_HOST),
    NOWHERE(RT_SCOPE_NOWHERE), OTHER(-1);

    private final int value;

    AddressScope(int value) {
        this.value = value;
    }

    public int kernelValue() {
        return value;
    }

    public static AddressScope fromKernel(int value) {
        for (AddressScope s : values()) {
            if (s.value == value) {
                return s;
            }
        }
        return OTHER;
    }
}
