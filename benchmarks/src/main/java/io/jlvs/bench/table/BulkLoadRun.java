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
import io.jlvs.ipvs.BatchResult;

/**
 * Loading an empty table with 10,000 services of 5 real servers each (60,000 operations): one
 * {@code IpvsClient.apply(Batch)} against {@code ipvsadm -R} of the same rules, each in a fresh
 * namespace, alternated over three rounds after two untimed jLVS loads, and the medians kept. ipvsadm sends one message per rule and
 * waits for its ack; jLVS packs many into a datagram. The first round's tables are checked with
 * {@code ipvsadm -Sn}, the others with a jLVS dump. CPU time is split into user and kernel, since the
 * kernel's own IPVS work is the same for both and no client can make it faster.
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
        int rounds = ctx.size(3, 1);
        // Two untimed loads of the whole table: after one of 12,000 operations the JIT was still
        // making each round faster under emulation (7.7, 5.0, 4.3 s), and the median caught round 2.
        for (int i = 0; i < ctx.size(2, 1); i++) {
            warmUp(ctx, table);
        }
        Path rules = Files.writeString(ctx.workDir().resolve("rules.ipvsadm"), table.ipvsadmRules());

        double[] ipvsadmSeconds = new double[rounds];
        double[] jlvsSeconds = new double[rounds];
        CpuTime ipvsadmCpu = null;
        CpuTime jlvsCpu = null;
        long datagrams = 0;
        for (int round = 0; round < rounds; round++) {
            boolean witness = round == 0;
            try (ScaleNamespace ns = ctx.newNamespace()) {
                // Through bash, whose `times` then reports ipvsadm's user and system CPU (bash adds milliseconds).
                Command.Output out = ns.exec(IpvsadmWitness.TIMEOUT, rules, "bash", "-c", "ipvsadm -R && times").orThrow();
                ipvsadmSeconds[round] = seconds(out.elapsed().toNanos());
                ipvsadmCpu = CpuTime.fromBashTimes(out.stdoutText());
                check(ctx, ns, table, witness);
            }
            try (ScaleNamespace ns = ctx.newNamespace(); CountedClient client = CountedClient.open(ns)) {
                client.transport().reset();
                CpuTime cpuBefore = CpuTime.currentThread();
                long start = System.nanoTime();
                // Building the batch is part of the job, as parsing its input is part of ipvsadm's.
                Batch batch = table.batch();
                BatchResult result = client.ipvs().apply(batch);
                jlvsSeconds[round] = seconds(System.nanoTime() - start);
                jlvsCpu = CpuTime.currentThread().minus(cpuBefore);
                datagrams = client.transport().sends();
                if (!result.allApplied()) {
                    throw new IllegalStateException("jLVS applied " + result.appliedCount() + " of " + batch.size()
                            + "; first failure: " + result.firstFailure().orElseThrow());
                }
                check(ctx, ns, table, witness);
            }
            ctx.log("round %d: jLVS %.3f s (user %.3f, kernel %.3f), ipvsadm -R %.3f s (user %.3f, kernel %.3f)",
                    round + 1, jlvsSeconds[round], jlvsCpu.userSeconds(), jlvsCpu.systemSeconds(),
                    ipvsadmSeconds[round], ipvsadmCpu.userSeconds(), ipvsadmCpu.systemSeconds());
        }
        double jlvs = ListingRun.median(jlvsSeconds);
        double ipvsadm = ListingRun.median(ipvsadmSeconds);
        String what = "load " + table.services() + "x" + table.realServersPerService();
        return List.of(
                Result.of(name(), what + " (median of " + rounds + ")", jlvs, "s").against("ipvsadm -R", ipvsadm)
                        .goal(Goal.ratioAtMost(0.2, "jLVS at least 5x faster than ipvsadm -R")),
                Result.of(name(), what + " operations/s", table.operations() / jlvs, "ops/s")
                        .against("ipvsadm -R", table.operations() / ipvsadm),
                Result.of(name(), what + " datagrams sent", datagrams, "datagrams")
                        .against("ipvsadm -R (one per rule)", table.operations()),
                Result.of(name(), what + " CPU in the kernel (last round)", jlvsCpu.systemSeconds(), "s")
                        .against("ipvsadm -R", ipvsadmCpu.systemSeconds()),
                Result.of(name(), what + " CPU in user space (last round)", jlvsCpu.userSeconds(), "s")
                        .against("ipvsadm -R", ipvsadmCpu.userSeconds()));
    }

    private static void check(RunContext ctx, ScaleNamespace ns, ScaleTable table, boolean withIpvsadm) throws Exception {
        if (withIpvsadm) {
            IpvsadmWitness.save(ns, table.operations());
            return;
        }
        try (CountedClient reader = CountedClient.open(ns)) {
            int entries = reader.countEntries();
            if (entries != table.operations()) {
                throw new IllegalStateException("the table in " + ns.name() + " holds " + entries + " entries, expected "
                        + table.operations());
            }
        }
    }

    /** Loads {@code table} once, untimed, so that the measured loads are not jLVS's first (class loading, JIT). */
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
