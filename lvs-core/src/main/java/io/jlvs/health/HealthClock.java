package io.jlvs.health;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.function.LongSupplier;

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

    /** The system's monotonic clock ({@link System#nanoTime()}), named in wall time as of its creation. */
    static HealthClock system() {
        return monotonic(InstantSource.system(), System::nanoTime);
    }

    /**
     * A clock that moves with {@code nanos} (a monotonic counter such as {@link System#nanoTime()})
     * and reads {@code wall} once, to name its instants. Intervals, timeouts and rise/fall windows
     * are measured on it, so a step of the wall clock (NTP, an operator's {@code date -s}, a VM
     * resumed) neither makes every probe overdue (a false DOWN for a probe "running an hour") nor
     * pauses probing until the wall clock catches up. The price: after a step, the instants it reports
     * (event times) differ from the wall clock by the step.
     */
    static HealthClock monotonic(InstantSource wall, LongSupplier nanos) {
        Objects.requireNonNull(wall, "wall");
        Objects.requireNonNull(nanos, "nanos");
        Instant origin = wall.instant();
        long originNanos = nanos.getAsLong();
        return new HealthClock() {
            @Override
            public Instant now() {
                return origin.plusNanos(nanos.getAsLong() - originNanos);
            }

            @Override
            public Duration realWaitUntil(Instant deadline) {
                Duration d = Duration.between(now(), deadline);
                return d.isNegative() ? Duration.ZERO : d;
            }

            @Override
            public String toString() {
                return "monotonic clock";
            }
        };
    }
}
