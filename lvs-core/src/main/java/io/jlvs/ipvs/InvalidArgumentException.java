package io.jlvs.ipvs;

import io.jlvs.sys.Errno;
import java.util.Optional;

/**
 * The kernel refused a value (EINVAL, ERANGE; ENODEV for a sync daemon's interface). The message
 * carries the kernel's extended-ack text when it sent one, and a hint at the usual cause when
 * there is one, e.g. for a real server refused in a fresh network namespace.
 */
public final class InvalidArgumentException extends IpvsException {
    private static final long serialVersionUID = 1L;

    private final String hint;

    public InvalidArgumentException(String operation, int errno, String kernelMessage) {
        this(operation, errno, kernelMessage, null);
    }

    /** With a hint at the likely cause, or null. */
    public InvalidArgumentException(String operation, int errno, String kernelMessage, String hint) {
        super(operation, errno, kernelMessage, Errno.describe(errno) + (hint == null ? "" : ": " + hint), null);
        this.hint = hint;
    }

    /** The hint at the likely cause, if any. */
    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }
}
