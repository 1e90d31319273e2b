package io.jlvs.bench.failover;

import io.jlvs.bench.scale.Result;
import io.jlvs.bench.scale.RunContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Prints the failover run's results, one line each: per heartbeat interval (100 ms, 500 ms, 1 s), jLVS's
 * failover time against keepalived's and against 3.5 intervals, and jLVS's timeline. Needs root
 * (namespaces) and keepalived. {@code --short} runs the 100 ms interval once per side. The same run is
 * in {@code scripts/bench} as "failover", with JSON results.
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
