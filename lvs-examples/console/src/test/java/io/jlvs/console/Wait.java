package io.jlvs.console;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a value until it is what a test waits for, or fails saying what it last was. */
final class Wait {
    private Wait() {
    }

    static <T> T until(Duration timeout, String what, Supplier<T> value, Predicate<? super T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = value.get();
        while (!done.test(last)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + "; last: " + last);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
            last = value.get();
        }
        return last;
    }

    /** For values whose supplier throws checked exceptions. */
    interface Source<T> {
        T get() throws Exception;
    }

    static <T> Supplier<T> unchecked(Source<T> s) {
        return () -> {
            try {
                return s.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
