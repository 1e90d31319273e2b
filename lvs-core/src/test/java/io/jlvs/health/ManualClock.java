package io.jlvs.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock that moves only when a test advances it, and wakes the monitor when it does. */
public final class ManualClock implements HealthClock {
    private volatile Instant now;
    private final List<Runnable> wakers = new CopyOnWriteArrayList<>();

    public ManualClock(Instant start) {
        this.now = start;
    }

    public ManualClock() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Override
    public Instant now() {
        return now;
    }

    public void advance(Duration d) {
        now = now.plus(d);
        wakers.forEach(Runnable::run);
    }

    @Override
    public Duration realWaitUntil(Instant deadline) {
        return deadline.isAfter(now) ? Duration.ofSeconds(30) : Duration.ZERO;
    }

    @Override
    public void onAdvance(Runnable wake) {
        wakers.add(wake);
    }
}
