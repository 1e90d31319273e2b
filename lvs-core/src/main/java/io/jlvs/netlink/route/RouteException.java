package io.jlvs.netlink.route;

import io.jlvs.sys.Errno;

/**
 * An rtnetlink operation failed. The message names the operation and what to do about it;
 * {@link #errno()} is the kernel's errno (0 when the failure is not an errno, e.g. a malformed reply).
 * Subclasses mark the failures callers handle by type.
 */
public class RouteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int errno;
    private final String kernelMessage;

    public RouteException(String message, int errno, String kernelMessage, Throwable cause) {
        super(message, cause);
        this.errno = errno;
        this.kernelMessage = kernelMessage;
    }

    public int errno() {
        return errno;
    }

    /** The kernel's extended-ack text, or null. */
    public String kernelMessage() {
        return kernelMessage;
    }

    /** "{operation}: {text} ({ERRNO}): kernel says ..." plus a hint for the errors people usually hit. */
    static String describe(String operation, int errno, String kernelMessage) {
        StringBuilder text = new StringBuilder(operation).append(": ").append(Errno.describe(errno))
                .append(" (").append(Errno.name(errno)).append(')');
        if (kernelMessage != null && !kernelMessage.isEmpty()) {
            text.append(": kernel says \"").append(kernelMessage).append('"');
        }
        if (errno == Errno.EPERM || errno == Errno.EACCES) {
            text.append("; changing addresses needs CAP_NET_ADMIN (run as root)");
        }
        return text.toString();
    }
}
