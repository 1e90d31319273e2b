package io.jlvs.ipvs;

/**
 * A reply from the kernel that this library cannot read: malformed, missing a required attribute,
 * or holding a value the model cannot represent. {@link #errno()} is 0.
 */
public final class ProtocolException extends IpvsException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String operation, String problem) {
        this(operation, problem, null);
    }

    public ProtocolException(String operation, String problem, Throwable cause) {
        super(operation, 0, null, "unexpected reply from the kernel: " + problem, cause);
    }
}
