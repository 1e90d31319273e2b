package io.jlvs.ipvs;

/** The service, real server or sync daemon to add already exists (EEXIST). */
public final class AlreadyExistsException extends IpvsException {
    private static final long serialVersionUID = 1L;

    public AlreadyExistsException(String operation, int errno, String kernelMessage) {
        super(operation, errno, kernelMessage, "already exists", null);
    }
}
