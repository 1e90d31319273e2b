package io.jlvs.ipvs;

import io.jlvs.sys.Errno;

/** Any other errno from the kernel; the message has its text and name, e.g. "Cannot allocate memory (ENOMEM)". */
public final class KernelException extends IpvsException {
    private static final long serialVersionUID = 1L;

    public KernelException(String operation, int errno, String kernelMessage) {
        this(operation, errno, kernelMessage, null);
    }

    /** With a hint at the likely cause, or null. */
    public KernelException(String operation, int errno, String kernelMessage, String hint) {
        super(operation, errno, kernelMessage, Errno.describe(errno) + (hint == null ? "" : ": " + hint), null);
    }
}
