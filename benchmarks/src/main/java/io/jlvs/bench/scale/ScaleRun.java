package io.jlvs.bench.scale;

import java.util.List;

/**
 * One scale run: sets up what it measures (normally in namespaces from {@link RunContext#newNamespace()}),
 * measures jLVS and a peer side by side, and returns the results. {@link ScaleMain} finds runs with
 * {@link java.util.ServiceLoader}: a run is registered by one line (its class name) in
 * {@code META-INF/services/io.jlvs.bench.scale.ScaleRun}, and needs a public no-argument constructor.
 *
 * <p>In {@linkplain RunContext#shortMode() short mode} a run does everything once with small sizes, to
 * prove it still works; its numbers then mean nothing. Waits must be bounded; a run that cannot finish
 * throws, and the runner records the failure and goes on with the next run.
 */
public interface ScaleRun {

    /** A short lower-case name, used on the command line and in the results file (e.g. "bulk-load"). */
    String name();

    /** One sentence on what is measured against what. */
    String description();

    /** Runs once and returns at least one result. */
    List<Result> run(RunContext context) throws Exception;
}
