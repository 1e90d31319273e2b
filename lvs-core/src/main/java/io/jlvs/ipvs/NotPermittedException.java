package io.jlvs.ipvs;

/** The caller lacks CAP_NET_ADMIN in the network namespace (EPERM, EACCES). */
public final class NotPermittedException extends IpvsException {
    private static final long serialVersionUID = 1L;

    public NotPermittedException(String operation, int errno, String kernelMessage) {
        super(operation, errno, kernelMessage, "not permitted: needs CAP_NET_ADMIN (run as root)", null);
    }
}
