package io.jlvs.bench.scale;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Finds the registered {@link ScaleRun}s and runs the chosen ones one after the other, each with its own
 * {@link RunContext}. A run that throws, or returns no result, is recorded as failed; the next one runs.
 */
public final class ScaleRunner {
    private final boolean shortMode;
    private final Path workDir;

    public ScaleRunner(boolean shortMode, Path workDir) {
        this.shortMode = shortMode;
        this.workDir = workDir;
    }

    /** Every run on the class path, by name, in registration order. */
    public static Map<String, ScaleRun> available() {
        Map<String, ScaleRun> runs = new LinkedHashMap<>();
        for (ScaleRun run : ServiceLoader.load(ScaleRun.class)) {
            ScaleRun clash = runs.putIfAbsent(run.name(), run);
            if (clash != null) {
                throw new IllegalStateException("two scale runs are named '" + run.name() + "': "
                        + clash.getClass().getName() + " and " + run.getClass().getName());
            }
        }
        return runs;
    }

    /**
     * The runs {@code names} asks for ({@code all}, or an empty list, means every one), in the order given.
     *
     * @throws IllegalArgumentException naming an unknown run and listing the known ones
     */
    public static List<ScaleRun> select(List<String> names) {
        Map<String, ScaleRun> runs = available();
        if (names.isEmpty() || names.equals(List.of("all"))) {
            return List.copyOf(runs.values());
        }
        List<ScaleRun> chosen = new ArrayList<>();
        for (String name : names) {
            ScaleRun run = runs.get(name);
            if (run == null) {
                throw new IllegalArgumentException("no scale run named '" + name + "'; known: "
                        + String.join(", ", runs.keySet()) + " (or all)");
            }
            chosen.add(run);
        }
        return chosen;
    }

    /** Runs each of {@code runs} once; prints each result's line on stdout as it arrives. */
    public List<RunOutcome> runAll(List<ScaleRun> runs) throws InterruptedException {
        List<RunOutcome> outcomes = new ArrayList<>();
        for (ScaleRun run : runs) {
            outcomes.add(runOne(run));
        }
        return outcomes;
    }

    private RunOutcome runOne(ScaleRun run) throws InterruptedException {
        long start = System.nanoTime();
        List<Result> results = List.of();
        Optional<String> error = Optional.empty();
        System.err.println("[" + run.name() + "] " + run.description() + (shortMode ? " (short mode)" : ""));
        try (RunContext context = new RunContext(run.name(), shortMode, workDir.resolve(run.name()))) {
            results = List.copyOf(run.run(context));
            if (results.isEmpty()) {
                error = Optional.of("the run returned no result");
            }
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception | Error e) {
            // One broken run must not hide the others' numbers; the error goes into the results file.
            error = Optional.of(e.toString());
            e.printStackTrace(System.err);
        }
        for (Result r : results) {
            System.out.println(r.line());
            r.rounds().filter(x -> !shortMode && x.count() < Rounds.MINIMUM).ifPresent(x -> System.err.println(
                    "[" + run.name() + "] " + r.name() + ": only " + x.count() + " rounds, fewer than "
                            + Rounds.MINIMUM + ": its median says little"));
        }
        error.ifPresent(e -> System.out.println(String.format("%-14s FAILED: %s", run.name(), e)));
        System.out.flush();
        return new RunOutcome(run.name(), Duration.ofNanos(System.nanoTime() - start), results, error);
    }
}
