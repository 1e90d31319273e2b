package io.jlvs.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records every call of {@link #apply}, each list as it came; waits for calls with a bound. */
public final class RecordingActuator implements Actuator {
    private final List<List<Change>> calls = new ArrayList<>();

    @Override
    public synchronized void apply(List<Change> changes) {
        calls.add(List.copyOf(changes));
        notifyAll();
    }

    public synchronized List<List<Change>> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<Change> changes() {
        return calls.stream().flatMap(List::stream).toList();
    }

    /** Waits until at least {@code n} changes in all have arrived, at most 10 s; returns all changes. */
    public synchronized List<Change> awaitChanges(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (changes().size() < n) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("waited 10 s for " + n + " changes; got " + changes());
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return changes();
    }
}
