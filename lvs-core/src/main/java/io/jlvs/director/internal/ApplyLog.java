package io.jlvs.director.internal;

import io.jlvs.director.PlanStep;
import io.jlvs.ipvs.BatchResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * How a reconcile's applied steps reach the log. A small change (a weight, a failed server, a reload
 * of a few services: at most {@link #STEP_LINES} steps) is logged step by step at INFO, as operators
 * expect to see it; a large one (a start or takeover of 10,000 services) is summed up by the
 * reconcile's line ({@link Summary#pairs()}: how many services and servers were added, edited,
 * deleted), its steps at DEBUG: one INFO line per step of a 60,000-step start took longer than the
 * apply itself. Steps the kernel refused (ERROR) and drift repairs (WARN) are logged one by one
 * whatever the size, up to {@link #STEP_LINES} each; the rest of them are counted, and all are at
 * DEBUG.
 */
public final class ApplyLog {
    /** The most steps a reconcile logs one by one at INFO, and the most refused or repaired steps it lists. */
    public static final int STEP_LINES = 50;

    private final Logger log;

    /** Logs through {@code log} (the director's, so that one logger's level governs every reconcile line). */
    public ApplyLog(Logger log) {
        this.log = log;
    }

    /**
     * What a reconcile applied, for its summary line.
     *
     * @param failed   steps the kernel did not apply
     * @param repaired applied steps that repaired drift
     * @param pairs    key, value pairs for the reconcile's line: non-zero counts by kind of step
     *                 ({@code services_added}, {@code servers_edited}, ...) and of refused steps or
     *                 repairs not listed one by one
     */
    public record Summary(int failed, int repaired, List<Object> pairs) {
    }

    /**
     * Logs the steps of {@code steps} applied with {@code result} (in the same order) for {@code cause};
     * {@code drift} holds the steps that repair drift (by identity or equality).
     */
    public Summary applied(String cause, List<PlanStep> steps, BatchResult result, Set<PlanStep> drift) {
        boolean oneByOne = steps.size() <= STEP_LINES;
        Map<String, Integer> kinds = new LinkedHashMap<>();
        int failed = 0;
        int repaired = 0;
        for (int i = 0; i < steps.size(); i++) {
            PlanStep step = steps.get(i);
            BatchResult.OperationResult r = result.results().get(i);
            if (r.status() != BatchResult.Status.APPLIED) {
                failed++;
                line(failed <= STEP_LINES, log::error, () -> Kv.line("event", "apply", "cause", cause, "step", step.describe(),
                        "status", r.status(), "error", r.error().map(Throwable::getMessage).orElse("-")));
                continue;
            }
            kinds.merge(kind(step), 1, Integer::sum);
            if (drift.contains(step)) {
                repaired++;
                line(repaired <= STEP_LINES, log::warn, () -> Kv.line("event", "drift_repaired", "cause", cause, "step", step.describe()));
            } else {
                line(oneByOne, log::info, () -> Kv.line("event", "apply", "cause", cause, "step", step.describe()));
            }
        }
        List<Object> pairs = new ArrayList<>();
        kinds.forEach((k, n) -> {
            pairs.add(k);
            pairs.add(n);
        });
        if (failed > STEP_LINES) {
            pairs.add("failed_not_listed");
            pairs.add(failed - STEP_LINES);
        }
        if (repaired > 0) {
            pairs.add("drift_repaired");
            pairs.add(repaired);
        }
        if (repaired > STEP_LINES) {
            pairs.add("drift_repaired_not_listed");
            pairs.add(repaired - STEP_LINES);
        }
        return new Summary(failed, repaired, List.copyOf(pairs));
    }

    /** One step's line: at its own level when it is listed, else at DEBUG (made only when DEBUG is on). */
    private void line(boolean listed, Consumer<String> level, Supplier<String> text) {
        if (listed) {
            level.accept(text.get());
        } else if (log.isDebugEnabled()) {
            log.debug(text.get());
        }
    }

    private static String kind(PlanStep step) {
        return switch (step) {
            case PlanStep.AddService s -> "services_added";
            case PlanStep.EditService s -> "services_edited";
            case PlanStep.DeleteService s -> "services_deleted";
            case PlanStep.AddRealServer s -> "servers_added";
            case PlanStep.EditRealServer s -> "servers_edited";
            case PlanStep.DeleteRealServer s -> "servers_deleted";
        };
    }
}
