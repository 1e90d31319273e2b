package io.jlvs.director.internal;

import io.jlvs.config.Configuration;

/**
 * The health checks as the director drives them: told which servers to watch (the configuration's
 * checks), it reports verdicts to a sink. The sink only records and asks for a reconcile; it never
 * writes the kernel itself.
 */
public interface HealthPort extends AutoCloseable {

    /** Where verdicts go; called from the monitor's threads. */
    @FunctionalInterface
    interface Sink {
        void verdict(ServerRef ref, HealthState state);

        /** A service's quorum ({@code check_quorum}) was lost ({@code held} false) or regained. */
        default void quorum(io.jlvs.ipvs.ServiceKey service, boolean held) {
        }
    }

    /**
     * Where a failure that stopped all checking goes (the scheduler died). Called before the first
     * {@link #watch}; the default port never fails so.
     */
    default void onFailure(java.util.function.Consumer<Throwable> handler) {
    }

    /**
     * Tells {@code sink} at once the state each server of {@code config} starts in before its first
     * probe, where that is not the default (up): a {@code check_alpha} server is down until its checks
     * pass. Probes nothing. The director calls it before its first apply, so that the first table
     * already leaves such servers out, and starts the probes ({@link #watch}) after that apply. A
     * server told here is not told again by {@link #watch}.
     */
    default void starting(Configuration config, Sink sink) {
    }

    /**
     * Watches exactly the servers {@code config} checks from now on: new ones start, removed ones stop.
     * A server new to this port that starts down is told to {@code sink} first, as {@link #starting} does.
     */
    void watch(Configuration config, Sink sink);

    /**
     * The monitor's present verdict for each server it has probed at least once, for status views. The
     * sink hears only changes, so a server whose first verdict matched its starting state (up) was never
     * reported there; this says what the checks found. Empty where nothing is probed.
     */
    default java.util.Map<ServerRef, HealthState> probed() {
        return java.util.Map.of();
    }

    /** Stops every probe. */
    @Override
    void close();

    /** No health checks: every server stays UNKNOWN, which the composer programs. */
    static HealthPort none() {
        return new HealthPort() {
            @Override
            public void watch(Configuration config, Sink sink) {
            }

            @Override
            public void close() {
            }
        };
    }
}
