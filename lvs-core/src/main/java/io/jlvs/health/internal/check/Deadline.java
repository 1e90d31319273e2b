package io.jlvs.health.internal.check;

import java.net.SocketTimeoutException;
import java.time.Duration;

/** A point in time after which a probe's read phase has failed; socket timeouts are cut to what is left. */
public final class Deadline {
    private final long endNanos;
    private final Duration budget;

    private Deadline(long endNanos, Duration budget) {
        this.endNanos = endNanos;
        this.budget = budget;
    }

    public static Deadline after(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos(), budget);
    }

    /** Milliseconds left, at least 1 (0 would mean "forever" to SO_TIMEOUT); throws once none are left. */
    public int remainingMillis() throws SocketTimeoutException {
        long left = endNanos - System.nanoTime();
        if (left <= 0) {
            throw expired();
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Duration.ofNanos(left).toMillis()));
    }

    public boolean passed() {
        return endNanos - System.nanoTime() <= 0;
    }

    public Duration budget() {
        return budget;
    }

    public SocketTimeoutException expired() {
        return new SocketTimeoutException("no complete answer within " + Probes.format(budget));
    }
}
