package io.jlvs.director.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

/** Counters about reconciling, read by the metrics endpoint. Thread-safe. */
public final class ReconcileStats {
    private final AtomicLong reconciles = new AtomicLong();
    private final DoubleAdder seconds = new DoubleAdder();
    private final AtomicLong driftRepairs = new AtomicLong();
    private final AtomicLong failedOperations = new AtomicLong();
    private final AtomicLong reloads = new AtomicLong();
    private final AtomicLong rejectedReloads = new AtomicLong();

    public void reconciled(double durationSeconds, int failed) {
        reconciles.incrementAndGet();
        seconds.add(durationSeconds);
        failedOperations.addAndGet(failed);
    }

    public void driftRepaired(int operations) {
        driftRepairs.addAndGet(operations);
    }

    public void reloaded(boolean accepted) {
        (accepted ? reloads : rejectedReloads).incrementAndGet();
    }

    public long reconciles() {
        return reconciles.get();
    }

    public double seconds() {
        return seconds.sum();
    }

    public long driftRepairs() {
        return driftRepairs.get();
    }

    public long failedOperations() {
        return failedOperations.get();
    }

    public long reloads() {
        return reloads.get();
    }

    public long rejectedReloads() {
        return rejectedReloads.get();
    }
}
