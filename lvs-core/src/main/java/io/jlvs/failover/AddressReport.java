package io.jlvs.failover;

import java.util.List;

/** The per-address outcomes of one {@link AddressManager#take()} or {@link AddressManager#release()}, in order. */
public record AddressReport(String action, List<AddressOutcome> outcomes) {
    public AddressReport {
        outcomes = List.copyOf(outcomes);
    }

    /** True when no address failed. */
    public boolean succeeded() {
        return outcomes.stream().noneMatch(o -> o.result() == AddressOutcome.Result.FAILED);
    }

    public List<AddressOutcome> failures() {
        return outcomes.stream().filter(o -> o.result() == AddressOutcome.Result.FAILED).toList();
    }

    /** The addresses with the given result. */
    public List<FloatingAddress> with(AddressOutcome.Result result) {
        return outcomes.stream().filter(o -> o.result() == result).map(AddressOutcome::address).toList();
    }

    @Override
    public String toString() {
        return action + ": " + outcomes;
    }
}
