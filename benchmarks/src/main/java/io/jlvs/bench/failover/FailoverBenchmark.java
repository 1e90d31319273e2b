package io.jlvs.bench.failover;

import io.jlvs.bench.scale.Result;
import io.jlvs.bench.scale.RunContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Prints one line per heartbeat interval (100 ms, 500 ms, 1 s): the median failover time and its
 * ratio to the interval, against the goal of 3.5. Needs root (namespaces). {@code --short} runs
 * each interval once. The same run is in {@code scripts/bench} as "failover", with JSON results.
 */
public final class FailoverBenchmark {
    private FailoverBenchmark() {}

    public static void main(String[] args) throws Exception {
        boolean shortMode = List.of(args).contains("--short");
        Path work = Files.createTempDirectory("jlvs-failover-bench");
        FailoverTimeRun run = new FailoverTimeRun();
        boolean allPass = true;
        try (RunContext context = new RunContext(run.name(), shortMode, work)) {
            for (Result r : run.run(context)) {
                System.out.println(r.line());
                allPass &= r.pass().orElse(false);
            }
        }
        System.exit(allPass ? 0 : 1);
    }
}
