package io.jlvs.ipvs;

/** The virtual service named by the operation does not exist (ESRCH). */
public final class NoSuchServiceException extends IpvsException {
    private static final long serialVersionUID = 1L;

    public NoSuchServiceException(String operation, int errno, String kernelMessage) {
        super(operation, errno, kernelMessage, "no such virtual service", null);
    }
}
