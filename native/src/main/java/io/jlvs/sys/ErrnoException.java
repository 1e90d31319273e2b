package io.jlvs.sys;

import java.io.IOException;

/**
 * A system call failed with an errno. The message reads like perror(3) plus the symbolic name,
 * e.g. {@code "sendto: No buffer space available (ENOBUFS)"}, so a log line alone says what to grep for.
 */
public class ErrnoException extends IOException {
    private final String operation;
    private final int errno;

    /**
     * @param operation the call that failed, e.g. {@code "sendto"}
     * @param errno     the positive errno value (a {@code -errno} {@link Syscalls} result is also accepted,
     *                  so that the sign never hides the real error behind a second one)
     */
    public ErrnoException(String operation, int errno) {
        super(message(operation, Math.abs(errno)));
        this.operation = operation;
        this.errno = Math.abs(errno);
    }

    private static String message(String operation, int errno) {
        return operation + ": " + Errno.describe(errno) + " (" + Errno.name(errno) + ")";
    }

    /** The positive errno value. */
    public int errno() {
        return errno;
    }

    /** The failed call, as given by the caller. */
    public String operation() {
        return operation;
    }

    /** The symbolic errno name, e.g. {@code "ENOBUFS"}. */
    public String errnoName() {
        return Errno.name(errno);
    }
}
