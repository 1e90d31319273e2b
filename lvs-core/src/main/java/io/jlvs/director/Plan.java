package io.jlvs.director;

import io.jlvs.ipvs.Batch;
import io.jlvs.ipvs.ServiceKey;
import java.util.List;

/**
 * The ordered changes that turn the live IPVS table into the desired one, as computed by
 * {@link Reconciler#plan}: deletions first (a deleted service's real servers before the service),
 * then, in the desired table's order, each service's edit or addition before its real servers'.
 * Empty when the kernel already holds the desired table.
 *
 * @param steps     in the order they must be applied
 * @param leftAlone services in the kernel that are not the director's (neither configured nor created
 *                  by it), which the plan does not touch; see {@link Reconciler#plan(DesiredTable, LiveTable, java.util.function.Predicate)}
 */
public record Plan(List<PlanStep> steps, List<ServiceKey> leftAlone) {
    public Plan {
        steps = List.copyOf(steps);
        leftAlone = List.copyOf(leftAlone);
    }

    /** A plan that leaves nothing alone: it manages the whole table. */
    public Plan(List<PlanStep> steps) {
        this(steps, List.of());
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

    /** One line per service left alone, after the steps' lines in {@code jlvsd --plan}. */
    public List<String> leftAloneLines() {
        return leftAlone.stream().map(k -> "left alone: " + k + " (not created by jlvsd; manage_whole_table = 1 manages it)").toList();
    }

    /** The lines joined, or "no changes" for an empty plan. */
    @Override
    public String toString() {
        return steps.isEmpty() ? "no changes" : String.join("\n", lines());
    }
}
