package io.jlvs.ipvs;

/** The kernel has no generic netlink family "IPVS": IPVS is not built in and its module is not loaded. */
public final class IpvsNotAvailableException extends IpvsException {
    private static final long serialVersionUID = 1L;

    public IpvsNotAvailableException(String operation, int errno, String kernelMessage) {
        super(operation, errno, kernelMessage, "this kernel has no IPVS (CONFIG_IP_VS), or module ip_vs is not loaded: modprobe ip_vs", null);
    }
}
