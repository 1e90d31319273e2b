package io.jlvs.testing;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Bounded waiting for the kernel to catch up (IPVS folds its counters in every 2 s, for one). */
public final class Poll {
    private static final Duration INTERVAL = Duration.ofMillis(100);

    private Poll() {}

    /**
     * Reads {@code value} until {@code done} holds and returns that value; after {@code timeout} an
     * AssertionError with {@code what} and the last value read.
     */
    public static <T> T until(Duration timeout, String what, Supplier<T> value, Predicate<? super T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T v = value.get();
            if (done.test(v)) {
                return v;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited " + timeout + " for " + what + "; last seen: " + v);
            }
            sleep(INTERVAL);
        }
    }

    /**
     * Reads {@code value} until it has stayed the same for {@code quiet} and returns it; after
     * {@code timeout} an AssertionError.
     */
    public static <T> T untilSteady(Duration quiet, Duration timeout, String what, Supplier<T> value) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = value.get();
        long since = System.nanoTime();
        while (true) {
            sleep(INTERVAL.multipliedBy(2));
            T v = value.get();
            if (!v.equals(last)) {
                last = v;
                since = System.nanoTime();
            } else if (System.nanoTime() - since >= quiet.toNanos()) {
                return v;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited " + timeout + " for " + what + " to stay unchanged for " + quiet
                        + "; last seen: " + v);
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
