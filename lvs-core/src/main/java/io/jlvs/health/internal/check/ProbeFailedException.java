package io.jlvs.health.internal.check;

/** The server answered, but not as the check expects; the message is the probe's reason. */
public final class ProbeFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProbeFailedException(String reason) {
        super(reason, null, false, false);
    }
}
