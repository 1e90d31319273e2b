package io.jlvs.netlink.route;

import io.jlvs.sys.Errno;

/** The named interface does not exist in this network namespace. */
public final class NoSuchInterfaceException extends RouteException {
    private static final long serialVersionUID = 1L;

    private final String interfaceName;

    public NoSuchInterfaceException(String interfaceName, String where) {
        super("interface " + interfaceName + " does not exist in " + where
                + " (check the name with 'ip link show')", Errno.ENODEV, null, null);
        this.interfaceName = interfaceName;
    }

    public String interfaceName() {
        return interfaceName;
    }
}
