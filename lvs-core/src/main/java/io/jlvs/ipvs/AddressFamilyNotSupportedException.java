package io.jlvs.ipvs;

/** The kernel's IPVS cannot handle the address family: no CONFIG_IP_VS_IPV6, or IPv6 disabled (EAFNOSUPPORT). */
public final class AddressFamilyNotSupportedException extends IpvsException {
    private static final long serialVersionUID = 1L;

    public AddressFamilyNotSupportedException(String operation, int errno, String kernelMessage) {
        super(operation, errno, kernelMessage, "address family not supported: this kernel's IPVS has no IPv6 (CONFIG_IP_VS_IPV6) or IPv6 is disabled", null);
    }
}
