package io.jlvs.netlink.route;

import io.jlvs.sys.Errno;

/** The address to delete is not on the interface (EADDRNOTAVAIL); {@link RouteClient#deleteAddressIfPresent} treats this as done. */
public final class NoSuchAddressException extends RouteException {
    private static final long serialVersionUID = 1L;

    private final InterfaceAddress address;

    public NoSuchAddressException(InterfaceAddress address, String kernelMessage) {
        super("delete address " + address + ": no such address on " + address.interfaceName(),
                Errno.EADDRNOTAVAIL, kernelMessage, null);
        this.address = address;
    }

    public InterfaceAddress address() {
        return address;
    }
}
