package io.jlvs.bench.table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.jlvs.bench.scale.Command;
import io.jlvs.bench.scale.Goal;
import io.jlvs.bench.scale.Result;
import io.jlvs.bench.scale.RunContext;
import io.jlvs.bench.scale.ScaleNamespace;
import io.jlvs.bench.scale.ScaleRun;
import io.jlvs.ipvs.Batch;

/**
 * Loading an empty table with 10,000 services of 5 real servers each (60,000 operations): one
 * {@code IpvsClient.apply(Batch)} against {@code ipvsadm -R} of the same rules, each in a fresh
 * namespace. ipvsadm sends one message per rule and waits for its ack; jLVS packs many into a datagram.
 * Both are checked afterwards with {@code ipvsadm -Sn}.
 */
public final class BulkLoadRun implements ScaleRun {

    @Override
    public String name() {
        return "bulk-load";
    }

    @Override
    public String description() {
        return "load 10,000 services x 5 real servers into an empty table: IpvsClient.apply(Batch) vs ipvsadm -R";
    }

    @Override
    public List<Result> run(RunContext ctx) throws Exception {
        ScaleTable table = new ScaleTable(ctx.size(10_000, 20), 5);
        warmUp(ctx, new ScaleTable(ctx.size(1_000, 5), 5));

        Path rules = Files.writeString(ctx.workDir().resolve("rules.ipvsadm"), table.ipvsadmRules());
        double ipvsadmSeconds;
        CpuTime ipvsadmCpu;
        CpuTime jlvsCpu;
        try (ScaleNamespace ns = ctx.newNamespace()) {
            ctx.log("ipvsadm -R of %d rules", table.operations());
            // Through bash, whose `times` then reports ipvsadm's user and system CPU (bash adds milliseconds).
            Command.Output out = ns.exec(IpvsadmWitness.TIMEOUT, rules, "bash", "-c", "ipvsadm -R && times").orThrow();
            ipvsadmSeconds = seconds(out.elapsed().toNanos());
            ipvsadmCpu = CpuTime.fromBashTimes(out.stdoutText());
            IpvsadmWitness.save(ns, table.operations());
        }

        double jlvsSeconds;
        long datagrams;
        try (ScaleNamespace ns = ctx.newNamespace(); CountedClient client = CountedClient.open(ns)) {
            ctx.log("IpvsClient.apply of %d operations", table.operations());
            client.transport().reset();
            CpuTime cpuBefore = CpuTime.currentThread();
            long start = System.nanoTime();
            // Building the batch is part of the job, as parsing its input is part of ipvsadm's.
            Batch batch = table.batch();
            var result = client.ipvs().apply(batch);
            jlvsSeconds = seconds(System.nanoTime() - start);
            jlvsCpu = CpuTime.currentThread().minus(cpuBefore);
            datagrams = client.transport().sends();
            if (!result.allApplied()) {
                throw new IllegalStateException("jLVS applied " + result.appliedCount() + " of " + batch.size()
                        + "; first failure: " + result.firstFailure().orElseThrow());
            }
            IpvsadmWitness.save(ns, table.operations());
        }
        String what = "load " + table.services() + "x" + table.realServersPerService();
        return List.of(
                Result.of(name(), what, jlvsSeconds, "s").against("ipvsadm -R", ipvsadmSeconds)
                        .goal(Goal.ratioAtMost(0.2, "jLVS at least 5x faster than ipvsadm -R")),
                Result.of(name(), what + " operations/s", table.operations() / jlvsSeconds, "ops/s")
                        .against("ipvsadm -R", table.operations() / ipvsadmSeconds),
                Result.of(name(), what + " datagrams sent", datagrams, "datagrams")
                        .against("ipvsadm -R (one per rule)", table.operations()),
                Result.of(name(), what + " CPU in the kernel", jlvsCpu.systemSeconds(), "s")
                        .against("ipvsadm -R", ipvsadmCpu.systemSeconds()),
                Result.of(name(), what + " CPU in user space", jlvsCpu.userSeconds(), "s")
                        .against("ipvsadm -R", ipvsadmCpu.userSeconds()));
    }

    /** Loads a smaller table once, so that the measured load is not jLVS's first (class loading, JIT). */
    static void warmUp(RunContext ctx, ScaleTable table) throws Exception {
        try (ScaleNamespace ns = ctx.newNamespace(); CountedClient client = CountedClient.open(ns)) {
            ctx.log("warm-up: %d operations", table.operations());
            client.load(table);
            client.countEntries();
        }
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
