package io.jlvs.health;

/** What happens to a real server that has failed its checks {@code fall} times in a row. */
public enum FailureAction {
    /**
     * Weight 0: the scheduler sends it no new connections, while established and persistent ones
     * drain (Piranha's {@code quiesce_server = 1}, keepalived's {@code inhibit_on_failure}).
     */
    QUIESCE,
    /** Delete the real server from the service; its connections are no longer forwarded. */
    REMOVE;

    /** {@link #QUIESCE} for Piranha's {@code quiesce_server = 1} (keepalived's inhibit_on_failure), else {@link #REMOVE}. */
    public static FailureAction quiescing(boolean quiesce) {
        return quiesce ? QUIESCE : REMOVE;
    }
}
