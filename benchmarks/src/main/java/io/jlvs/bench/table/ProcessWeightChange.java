package io.jlvs.bench.table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import io.jlvs.bench.cli.CliStartupRun;
import io.jlvs.bench.scale.Rounds;
import io.jlvs.bench.scale.RunContext;
import io.jlvs.bench.scale.ScaleNamespace;

/**
 * The operator's figures of the weight-change run: whole processes on both sides, each in a namespace
 * of its own, both daemons running on the same table (jlvsd from lvs.cf, keepalived from
 * keepalived.conf) while the rounds run, each change timed from the start of the process that makes it
 * until the kernel shows the new weight ({@link WeightWatch}, the same 10 ms dump poll for both sides):
 * <ul>
 *   <li>reload: the weight of real server 0 of service 0 edited in the daemon's file (untimed, one
 *       rename), then {@code kill -HUP} (a whole process, as systemd's {@code ExecReload} sends it):
 *       jlvsd reads, parses, plans and applies the whole lvs.cf, keepalived the whole keepalived.conf;
 *   <li>change at run time, real server 1 of service 0: a whole {@code bin/jlvsctl -s SOCKET weight v0 r1 N}
 *       process (JVM start, control socket, jlvsd's compose/plan/apply) against a whole
 *       {@code ipvsadm -e -t VIP -r RS -m -w N} process. keepalived has no command to change a weight
 *       while it runs (its only inputs are its file, signals and its checkers' results), so an operator
 *       of a keepalived director who must change one now edits the kernel directly with ipvsadm, behind
 *       keepalived's back ({@code -m}: without it ipvsadm would also switch the server to direct routing).
 *       Both commands run through {@code ip netns exec} (ipvsadm must reach the namespace's table;
 *       jlvsctl, whose socket is a file, pays the same wrapper).
 * </ul>
 * Each daemon first gets one untimed change of each kind (its first reload and first control
 * connection; not in short mode), then every round measures both sides, the side that goes first alternating. jlvsd runs
 * as in {@link ColdStartRun} but with a file check that always passes, probed once an hour, and no drift
 * check during the run ({@code --drift-interval 86400}; keepalived has none), so that neither daemon's
 * background work lands in the other's rounds; keepalived runs with no checks.
 */
final class ProcessWeightChange {
    private static final Duration CHANGE_BOUND = Duration.ofMinutes(10);

    /** Every round of both comparisons, in milliseconds from process start to the kernel showing the weight. */
    record Figures(Rounds jlvsdReload, Rounds keepalivedReload, Rounds jlvsctlWeight, Rounds ipvsadmEdit) {
    }

    /** One director being changed: its daemon, the namespace and watcher of its table, how to change it. */
    private record Side(String name, ReloadableDaemon daemon, ScaleNamespace ns, CountedClient watcher,
                        IntFunction<String> config, IntFunction<List<String>> runtimeCommand) {
    }

    private ProcessWeightChange() {
    }

    static Figures measure(RunContext ctx, ScaleTable table, int rounds, Duration startBound) throws Exception {
        Path up = Files.writeString(ctx.workDir().resolve("weight-change-up"), "0\n");
        String checks = "    check_type = file\n    check_file = " + up + "\n    check_interval = 3600\n";
        Path lvsCf = Files.writeString(ctx.workDir().resolve("weight-change-lvs.cf"), table.lvsCf(ScaleTable.WEIGHT, checks));
        String vip = ScaleTable.endpoint(table.key(0));
        String runtimeServer = table.realServerAddress(0, 1).getHostAddress() + ":" + ScaleTable.REAL_SERVER_PORT;
        Path jlvsctl = CliStartupRun.launcher("jlvsctl");
        try (ScaleNamespace jns = ctx.newNamespace(); CountedClient jwatch = CountedClient.open(jns);
             ScaleNamespace kns = ctx.newNamespace(); CountedClient kwatch = CountedClient.open(kns)) {
            JlvsdDaemon.addDevices(jns);
            ctx.log("jlvsd: starting on %d virtual servers from lvs.cf, with a control socket", table.services());
            long start = System.nanoTime();
            try (JlvsdDaemon jlvsd = JlvsdDaemon.start(ctx, jns, lvsCf, true, List.of("--drift-interval", "86400"))) {
                TableWatch.awaitComplete(jlvsd, jwatch, table, start, startBound);
                jlvsd.awaitReady(startBound);
                ctx.log("jlvsd: table complete and ready for SIGHUP %.1f s after its start", BulkLoadRun.seconds(System.nanoTime() - start));
                ctx.log("keepalived: starting on %d virtual servers from keepalived.conf", table.services());
                start = System.nanoTime();
                try (Keepalived keepalived = Keepalived.start(ctx, kns, table.keepalivedConf(ScaleTable.WEIGHT))) {
                    TableWatch.awaitComplete(keepalived, kwatch, table, start, startBound);
                    ctx.log("keepalived: table complete %.1f s after its start", BulkLoadRun.seconds(System.nanoTime() - start));
                    Side j = new Side("jlvsd", jlvsd, jns, jwatch, w -> table.lvsCf(w, checks),
                            w -> jns.inside(jlvsctl.toString(), "-s", jlvsd.controlSocket().toString(), "weight", "v0", "r1",
                                    Integer.toString(w)));
                    Side k = new Side("keepalived", keepalived, kns, kwatch, table::keepalivedConf,
                            w -> kns.inside("ipvsadm", "-e", "-t", vip, "-r", runtimeServer, "-m", "-w", Integer.toString(w)));
                    return rounds(ctx, table, rounds, j, k);
                }
            }
        }
    }

    private static Figures rounds(RunContext ctx, ScaleTable table, int rounds, Side j, Side k) throws Exception {
        // Short mode (CI proving the run works) skips it: two JVM starts less under emulation.
        for (Side s : ctx.shortMode() ? List.<Side>of() : List.of(j, k)) {
            ctx.log("%s: untimed warm-up reload and run-time change", s.name());
            reload(table, s, 9);
            change(ctx, table, s, 99);
        }
        double[][] t = new double[4][rounds]; // jlvsd reload, keepalived reload, jlvsctl, ipvsadm -e
        for (int i = 0; i < rounds; i++) {
            boolean jFirst = i % 2 == 0;
            for (Side s : jFirst ? List.of(j, k) : List.of(k, j)) {
                t[s == j ? 0 : 1][i] = reload(table, s, 10 + i);
            }
            for (Side s : jFirst ? List.of(j, k) : List.of(k, j)) {
                t[s == j ? 2 : 3][i] = change(ctx, table, s, 100 + i);
            }
            ctx.log(String.format(Locale.ROOT, "round %d of %d (%s first): reload jlvsd %.1f ms, keepalived %.1f ms;"
                            + " jlvsctl weight %.1f ms, ipvsadm -e %.1f ms", i + 1, rounds, jFirst ? "jLVS" : "keepalived",
                    t[0][i], t[1][i], t[2][i], t[3][i]));
        }
        String reloaded = table.realServerAddress(0, 0).getHostAddress() + ":" + ScaleTable.REAL_SERVER_PORT;
        String changed = table.realServerAddress(0, 1).getHostAddress() + ":" + ScaleTable.REAL_SERVER_PORT;
        String vip = ScaleTable.endpoint(table.key(0));
        for (Side s : List.of(j, k)) {
            IpvsadmWitness.requireWeight(s.ns(), vip, reloaded, 10 + rounds - 1);
            IpvsadmWitness.requireWeight(s.ns(), vip, changed, 100 + rounds - 1);
        }
        return new Figures(Rounds.of(t[0]), Rounds.of(t[1]), Rounds.of(t[2]), Rounds.of(t[3]));
    }

    /** The file edited (untimed), then {@code kill -HUP}: ms from kill's start to the kernel showing {@code weight}. */
    private static double reload(ScaleTable table, Side s, int weight) throws Exception {
        s.daemon().rewriteConfig(s.config().apply(weight));
        long t0 = System.nanoTime();
        s.daemon().reload();
        long seen = WeightWatch.await(s.watcher(), table.key(0), table.realServer(0, 0, weight), weight, t0,
                CHANGE_BOUND, s.name() + " reload", s.daemon()::requireAlive);
        return (seen - t0) / 1e6;
    }

    /**
     * The side's run-time command as a whole process: ms from its start to the kernel showing
     * {@code weight}. The process must then exit 0 (its own exit time is logged, not returned).
     */
    private static double change(RunContext ctx, ScaleTable table, Side s, int weight) throws Exception {
        List<String> argv = s.runtimeCommand().apply(weight);
        Path out = Files.createTempFile(ctx.workDir(), "weight-", ".out");
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        long t0 = System.nanoTime();
        Process p = pb.start();
        try {
            long seen = WeightWatch.await(s.watcher(), table.key(0), table.realServer(0, 1, weight), weight, t0,
                    CHANGE_BOUND, String.join(" ", argv), () -> {
                        s.daemon().requireAlive();
                        if (!p.isAlive() && p.exitValue() != 0) {
                            throw new IllegalStateException(String.join(" ", argv) + " exited with " + p.exitValue()
                                    + ": " + Files.readString(out).strip());
                        }
                    });
            if (!p.waitFor(CHANGE_BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(String.join(" ", argv) + " did not exit within " + CHANGE_BOUND);
            }
            long exited = System.nanoTime();
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " exited with " + p.exitValue() + ": "
                        + Files.readString(out).strip());
            }
            ctx.log(String.format(Locale.ROOT, "%s: weight %d in the kernel after %.1f ms, the process exited after %.1f ms",
                    s.name(), weight, (seen - t0) / 1e6, (exited - t0) / 1e6));
            return (seen - t0) / 1e6;
        } finally {
            p.destroyForcibly();
        }
    }
}
