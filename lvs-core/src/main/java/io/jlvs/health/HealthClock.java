package io.jlvs.health;

import java.time.Duration;
import java.time.Instant;

/**
 * The monitor's time: what time it is and how long to wait for a deadline. The system clock waits in
 * real time; a test's manual clock waits until it is advanced (and wakes the monitor when it is).
 */
public interface HealthClock {

    Instant now();

    /** The real time to wait at most before looking at {@link #now()} again, for {@code deadline}. */
    Duration realWaitUntil(Instant deadline);

    /** Registers {@code wake}, run when time jumps ahead (a manual clock); the system clock never runs it. */
    default void onAdvance(Runnable wake) {
    }

    /** The wall clock, waiting in real time. */
    static HealthClock system() {
        return new HealthClock() {
            @Override
            public Instant now() {
                return Instant.now();
            }

            @Override
            public Duration realWaitUntil(Instant deadline) {
                Duration d = Duration.between(Instant.now(), deadline);
                return d.isNegative() ? Duration.ZERO : d;
            }

            @Override
            public String toString() {
                return "system clock";
            }
        };
    }
}
