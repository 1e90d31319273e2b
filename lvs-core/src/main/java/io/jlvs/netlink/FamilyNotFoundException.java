package io.jlvs.netlink;

import io.jlvs.sys.Errno;

/** The kernel has no generic-netlink family by that name (not built in, or its module not loaded). */
public final class FamilyNotFoundException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    private final String family;

    public FamilyNotFoundException(String family) {
        super("generic netlink family '" + family + "' not found in this kernel", Errno.ENOENT, null);
        this.family = family;
    }

    public String family() {
        return family;
    }
}
