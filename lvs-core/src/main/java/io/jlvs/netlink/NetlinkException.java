package io.jlvs.netlink;

import io.jlvs.sys.Errno;

/**
 * A netlink operation failed. {@link #errno()} is the kernel's (or the syscall's) errno, 0 when the
 * failure is not an errno (a malformed reply, say); {@link #kernelMessage()} is the extended-ack text
 * the kernel attached, if any.
 */
public class NetlinkException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int errno;
    private final String kernelMessage;

    public NetlinkException(String message, int errno, String kernelMessage) {
        super(message);
        this.errno = errno;
        this.kernelMessage = kernelMessage;
    }

    /** An errno from a syscall or NLMSG_ERROR, worded "op: text (NAME)[: kernel says ...]". */
    public static NetlinkException of(String operation, int errno, String kernelMessage) {
        StringBuilder text = new StringBuilder(operation).append(": ")
                .append(Errno.describe(errno)).append(" (").append(Errno.name(errno)).append(')');
        if (kernelMessage != null && !kernelMessage.isEmpty()) {
            text.append(": kernel says \"").append(kernelMessage).append('"');
        }
        return new NetlinkException(text.toString(), errno, kernelMessage);
    }

    public int errno() {
        return errno;
    }

    /** The extended-ack message (NLMSGERR_ATTR_MSG), or null. */
    public String kernelMessage() {
        return kernelMessage;
    }
}
