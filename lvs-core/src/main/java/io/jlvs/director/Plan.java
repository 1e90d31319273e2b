package io.jlvs.director;

import io.jlvs.ipvs.Batch;
import java.util.List;

/**
 * The ordered changes that turn the live IPVS table into the desired one, as computed by
 * {@link Reconciler#plan}: deletions first (a deleted service's real servers before the service),
 * then, in the desired table's order, each service's edit or addition before its real servers'.
 * Empty when the kernel already holds the desired table.
 *
 * @param steps in the order they must be applied
 */
public record Plan(List<PlanStep> steps) {
    public Plan {
        steps = List.copyOf(steps);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    public int size() {
        return steps.size();
    }

    /** The steps as one batch, for a single {@link io.jlvs.ipvs.IpvsClient#apply} call. */
    public Batch toBatch() {
        return Batch.of(steps.stream().map(PlanStep::operation).toList());
    }

    /** One line per step, as {@code jlvsd --plan} prints them. */
    public List<String> lines() {
        return steps.stream().map(PlanStep::describe).toList();
    }

    /** The lines joined, or "no changes" for an empty plan. */
    @Override
    public String toString() {
        return steps.isEmpty() ? "no changes" : String.join("\n", lines());
    }
}
