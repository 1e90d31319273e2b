package io.jlvs.netlink;

/** A reply from the kernel (or bytes claiming to be one) that does not follow the netlink layout. */
public final class MalformedMessageException extends NetlinkException {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message, 0, null);
    }
}
