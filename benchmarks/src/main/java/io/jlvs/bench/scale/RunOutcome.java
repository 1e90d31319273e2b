package io.jlvs.bench.scale;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How one scale run went: its results, how long it took, and the error if it did not finish (then its
 * results are empty; the other runs still ran).
 */
public record RunOutcome(String run, Duration elapsed, List<Result> results, Optional<String> error) {
    public RunOutcome {
        results = List.copyOf(results);
    }

    public boolean completed() {
        return error.isEmpty();
    }
}
