package io.jlvs.ipvs;

/** The real server to edit or delete is not in the service (ENOENT on real server operations). */
public final class NoSuchRealServerException extends IpvsException {
    private static final long serialVersionUID = 1L;

    public NoSuchRealServerException(String operation, int errno, String kernelMessage) {
        super(operation, errno, kernelMessage, "no such real server", null);
    }
}
