package io.jlvs.console;

import com.google.common.base.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A Guava ticker that a test moves on by hand: the real time plus what the test added. */
final class MovableTicker extends Ticker {
    private final AtomicLong added = new AtomicLong();

    @Override
    public long read() {
        return System.nanoTime() + added.get();
    }

    void advance(Duration d) {
        added.addAndGet(d.toNanos());
    }
}
