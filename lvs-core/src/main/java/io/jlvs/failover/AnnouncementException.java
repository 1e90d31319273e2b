package io.jlvs.failover;

import java.util.List;

/** Announcing floating addresses failed for some of them; every address was still tried. */
public final class AnnouncementException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> failures;

    public AnnouncementException(List<String> failures) {
        super("announcing floating addresses failed: " + String.join("; ", failures));
        this.failures = List.copyOf(failures);
    }

    /** One line per failed address, naming it and the cause. */
    public List<String> failures() {
        return failures;
    }
}
