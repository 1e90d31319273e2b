package io.jlvs.netlink.route;

import io.jlvs.sys.Errno;

/** The address is already on the interface (EEXIST); {@link RouteClient#addAddressIfAbsent} treats this as done. */
public final class AddressExistsException extends RouteException {
    private static final long serialVersionUID = 1L;

    private final InterfaceAddress address;

    public AddressExistsException(InterfaceAddress address, String kernelMessage) {
        super("add address " + address + ": the address is already on " + address.interfaceName(),
                Errno.EEXIST, kernelMessage, null);
        this.address = address;
    }

    public InterfaceAddress address() {
        return address;
    }
}
