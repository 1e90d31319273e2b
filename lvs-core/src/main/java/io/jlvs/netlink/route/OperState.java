package io.jlvs.netlink.route;

/** RFC 2863 operational state of a link, as IFLA_OPERSTATE reports it (include/uapi/linux/if.h IF_OPER_*). */
public enum OperState {
    UNKNOWN, NOT_PRESENT, DOWN, LOWER_LAYER_DOWN, TESTING, DORMANT, UP;

    /** The kernel's value (IF_OPER_UNKNOWN = 0 ... IF_OPER_UP = 6); anything newer is UNKNOWN. */
    public static OperState fromKernel(int value) {
        OperState[] all = values();
        return value >= 0 && value < all.length ? all[value] : UNKNOWN;
    }
}
