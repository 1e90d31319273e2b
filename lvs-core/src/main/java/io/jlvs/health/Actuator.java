package io.jlvs.health;

import java.util.List;

/**
 * Where a monitor's decisions go: {@link IpvsActuator} writes them to the kernel; a director feeds
 * them to its own reconciler instead. Called from one thread at a time, in decision order, with every
 * change decided since the previous call (so a burst of failures arrives as one list, one batch).
 */
@FunctionalInterface
public interface Actuator {

    /**
     * Makes the kernel (or whatever this actuator drives) hold what {@code changes} say, in order.
     * Failures are the actuator's to log and retry on a later call; an exception thrown here is logged
     * by the monitor and the monitor goes on.
     */
    void apply(List<Change> changes);

    /** An actuator that does nothing: for a monitor used only for its snapshot and events. */
    static Actuator none() {
        return changes -> { };
    }
}
