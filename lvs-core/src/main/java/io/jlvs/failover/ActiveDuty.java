package io.jlvs.failover;

/**
 * Something only the active node does, started on entering ACTIVE and stopped on leaving it:
 * holding the floating addresses, programming the virtual services, ... Both calls run on the
 * node's event thread; a failure is logged by {@link Takeover} and the remaining steps still run.
 */
public interface ActiveDuty {
    /** Entering ACTIVE. */
    void start() throws Exception;

    /** Leaving ACTIVE (demotion, fault or shutdown); called even if {@link #start} failed. */
    void stop() throws Exception;

    /** A duty from two actions, e.g. {@code ActiveDuty.of(addresses::takeAll, addresses::releaseAll)}. */
    static ActiveDuty of(Action start, Action stop) {
        return new ActiveDuty() {
            @Override
            public void start() throws Exception {
                start.run();
            }

            @Override
            public void stop() throws Exception {
                stop.run();
            }
        };
    }

    /** One step that may fail. */
    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }
}
