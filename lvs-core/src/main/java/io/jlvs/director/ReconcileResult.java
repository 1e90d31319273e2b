package io.jlvs.director;

import io.jlvs.ipvs.BatchResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one reconcile did.
 *
 * @param plan the steps planned (empty when the kernel was in sync)
 * @param result the batch's per-operation result; empty when the plan was empty and nothing was sent
 * @param drift the planned steps that undo changes made behind the director's back: the director's
 *     intent for those objects had not changed since its last successful apply, yet the kernel differed
 */
public record ReconcileResult(Plan plan, Optional<BatchResult> result, List<PlanStep> drift) {
    public ReconcileResult {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(result, "result");
        drift = List.copyOf(drift);
    }

    /** Whether the kernel already held the desired table (nothing was written). */
    public boolean wasInSync() {
        return plan.isEmpty();
    }

    /** Whether every planned step applied (true for an empty plan). */
    public boolean allApplied() {
        return result.map(BatchResult::allApplied).orElse(true);
    }

    /** A one-line summary for logs. */
    @Override
    public String toString() {
        if (plan.isEmpty()) {
            return "in sync";
        }
        BatchResult r = result.orElseThrow();
        return plan.size() + " changes, " + r.appliedCount() + " applied"
                + (drift.isEmpty() ? "" : ", " + drift.size() + " repaired drift")
                + (r.allApplied() ? "" : ", " + r.notApplied().size() + " not applied"
                        + r.firstFailure().map(f -> ", first failure: " + f).orElse(""));
    }
}
