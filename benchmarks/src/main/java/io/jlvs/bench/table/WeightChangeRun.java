package io.jlvs.bench.table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.jlvs.bench.scale.Goal;
import io.jlvs.bench.scale.Result;
import io.jlvs.bench.scale.RunContext;
import io.jlvs.bench.scale.ScaleNamespace;
import io.jlvs.bench.scale.ScaleRun;
import io.jlvs.director.Director;
import io.jlvs.director.DirectorSettings;
import io.jlvs.director.NodeMode;
import io.jlvs.director.internal.DirectorAccess;
import io.jlvs.director.internal.DirectorParts;
import io.jlvs.director.internal.HealthPort;
import io.jlvs.director.internal.KernelTable;
import io.jlvs.director.internal.LvsCfLoader;
import io.jlvs.director.internal.Role;
import io.jlvs.director.internal.StandaloneRole;
import io.jlvs.ipvs.IpvsClient;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerEntry;
import io.jlvs.ipvs.ServiceKey;

/**
 * One weight change in a table of 10,000 services x 5 real servers.
 *
 * <p>jLVS: {@code io.jlvs.director.Director}, the director jlvsd runs, started on the same rules as an
 * {@code lvs.cf} (no health checks, a fixed ACTIVE role), its IPVS socket counting round trips. Two ways
 * to change a weight, each warmed on the same path first and measured five times (the median kept):
 * <ul>
 *   <li>applied by reconcile: {@link Director#setWeight} (what {@code jlvsctl weight} and a health
 *       check's weight do): compose, plan and apply that change;
 *   <li>by configuration reload: the weight edited in the lvs.cf and {@link Director#reload()} (what
 *       {@code jlvsctl reload} and SIGHUP do): read and parse the whole file, then the same.
 * </ul>
 * keepalived: the same table from keepalived.conf (no checks), then the weight changed in the file and
 * SIGHUP, timed until the kernel shows the new weight, three times (the median kept). Each in its own namespace; ipvsadm confirms every
 * result.
 *
 * <p>The kernel is watched for keepalived's change with one real-server dump of that service every
 * 10 ms (a jLVS read: ipvsadm started that often would measure ipvsadm). keepalived's clock starts
 * when {@code kill -HUP} has returned, which flatters keepalived slightly.
 */
public final class WeightChangeRun implements ScaleRun {
    private static final Duration POLL = Duration.ofMillis(10);
    private static final int WARM_OPERATOR_CHANGES = 20;
    private static final int WARM_RELOADS = 3;

    @Override
    public String name() {
        return "weight-change";
    }

    @Override
    public String description() {
        return "one weight change in a 10,000 x 5 table, by reconcile and by configuration reload: jLVS director round trips and time vs keepalived reload (SIGHUP)";
    }

    @Override
    public List<Result> run(RunContext ctx) throws Exception {
        ScaleTable table = new ScaleTable(ctx.size(10_000, 20), 5);
        ServiceKey key = table.key(0);
        String vip = ScaleTable.endpoint(key);
        String server = table.realServerAddress(0, 0).getHostAddress() + ":" + ScaleTable.REAL_SERVER_PORT;
        Duration bound = ctx.shortMode() ? Duration.ofMinutes(3) : Duration.ofMinutes(30);
        int rounds = ctx.shortMode() ? 1 : 5;
        int keepalivedRounds = ctx.shortMode() ? 1 : 3;

        DirectorFigures jlvs = director(ctx, table, vip, server, rounds);

        double keepalivedStartSeconds;
        List<Double> keepalivedMillis = new ArrayList<>();
        try (ScaleNamespace ns = ctx.newNamespace(); CountedClient watcher = CountedClient.open(ns)) {
            ctx.log("keepalived: loading %d virtual servers from keepalived.conf", table.services());
            long start = System.nanoTime();
            try (Keepalived keepalived = Keepalived.start(ctx, ns, table.keepalivedConf(ScaleTable.WEIGHT))) {
                keepalivedStartSeconds = BulkLoadRun.seconds(
                        TableWatch.awaitComplete(keepalived, watcher, table, start, bound) - start);
                ctx.log("keepalived programmed the table in %.1f s; %d reloads, each changing one weight (SIGHUP)",
                        keepalivedStartSeconds, keepalivedRounds);
                for (int round = 0; round < keepalivedRounds; round++) {
                    int weight = 30 + round;
                    RealServer changed = table.realServer(0, 0, weight);
                    keepalived.rewriteConfig(table.keepalivedConf(weight));
                    keepalived.reload();
                    long t0 = System.nanoTime();
                    while (weight(watcher, key, changed) != weight) {
                        keepalived.requireAlive();
                        if (System.nanoTime() - t0 > bound.toNanos()) {
                            throw new IllegalStateException("keepalived did not apply the new weight within " + bound
                                    + "; log ends: " + keepalived.logTail());
                        }
                        Thread.sleep(POLL.toMillis());
                    }
                    keepalivedMillis.add((System.nanoTime() - t0) / 1e6);
                    requireWeight(ns, vip, server, weight);
                }
            }
        }
        double keepalivedReload = ListingRun.median(keepalivedMillis);
        String peer = "keepalived SIGHUP reload (median of " + keepalivedRounds + ")";
        String what = "weight change in " + table.services() + "x" + table.realServersPerService();
        return List.of(
                Result.of(name(), what + " applied by reconcile (setWeight), round trips (most of " + rounds + ")",
                        jlvs.operatorRoundTrips(), "round trips")
                        .goal(Goal.valueAtMost(2, "at most 2 netlink round trips")),
                Result.of(name(), what + " applied by reconcile (setWeight, median of " + rounds + ")",
                        jlvs.operatorMillis(), "ms")
                        .against(peer, keepalivedReload)
                        .goal(Goal.ratioAtMost(0.01, "far below keepalived's reload (100x)")),
                Result.of(name(), what + " by lvs.cf reload, round trips (most of " + rounds + ")",
                        jlvs.reloadRoundTrips(), "round trips")
                        .goal(Goal.valueAtMost(2, "at most 2 netlink round trips")),
                Result.of(name(), what + " by lvs.cf reload (median of " + rounds + ")", jlvs.reloadMillis(), "ms")
                        .against(peer, keepalivedReload),
                Result.of(name(), "load " + table.services() + "x" + table.realServersPerService() + " at start",
                        jlvs.startSeconds(), "s").against("keepalived start", keepalivedStartSeconds));
    }

    /** Medians of the measured rounds; round trips are the most any round took. */
    private record DirectorFigures(double startSeconds, double reloadMillis, long reloadRoundTrips, double operatorMillis,
                                   long operatorRoundTrips) {
    }

    /**
     * Starts a director on the table's lvs.cf, then measures {@code rounds} reloads (after
     * {@value #WARM_RELOADS} that warm the path) and {@code rounds} operator weight changes on the same
     * real server (after {@value #WARM_OPERATOR_CHANGES} on others), each changing one weight. A
     * long-running director has run these paths before; a first, interpreted call would measure the
     * JIT under emulation.
     */
    private static DirectorFigures director(RunContext ctx, ScaleTable table, String vip, String server, int rounds)
            throws Exception {
        Path file = ctx.workDir().resolve("weight-change-lvs.cf");
        Files.writeString(file, table.lvsCf(ScaleTable.WEIGHT));
        try (ScaleNamespace ns = ctx.newNamespace()) {
            CountingTransport transport = CountingTransport.open(ns.namespace());
            // The production parts but for health checks (nothing listens on the real servers, which
            // checks would rightly take out) and failover (a fixed role: no peer, no addresses).
            DirectorParts parts = new DirectorParts(new LvsCfLoader(), c -> HealthPort.none(),
                    c -> new StandaloneRole(Role.ACTIVE), n -> KernelTable.ipvs(IpvsClient.over(transport, n)));
            DirectorSettings settings = DirectorSettings.builder(file).namespace(ns.namespace()).node(NodeMode.PRIMARY)
                    .driftInterval(Duration.ofDays(1)).build();
            ctx.log("jLVS: starting a director on %d virtual servers from lvs.cf", table.services());
            long start = System.nanoTime();
            try (Director director = DirectorAccess.start(settings, parts)) {
                double startSeconds = BulkLoadRun.seconds(System.nanoTime() - start);
                try (CountedClient witness = CountedClient.open(ns)) {
                    if (witness.countEntries() != table.operations()) {
                        throw new IllegalStateException("the director programmed " + witness.countEntries()
                                + " entries, expected " + table.operations());
                    }
                }
                List<Double> reloadMillis = new ArrayList<>();
                long reloadRoundTrips = 0;
                for (int i = 0; i < WARM_RELOADS + rounds; i++) {
                    int weight = 2 + i;
                    Files.writeString(file, table.lvsCf(weight));
                    transport.reset();
                    long t0 = System.nanoTime();
                    int applied = director.reload();
                    double millis = (System.nanoTime() - t0) / 1e6;
                    if (applied != 1) {
                        throw new IllegalStateException("a reload applied " + applied + " operations, expected 1");
                    }
                    if (i >= WARM_RELOADS) {
                        reloadMillis.add(millis);
                        reloadRoundTrips = Math.max(reloadRoundTrips, transport.sends());
                    }
                }
                requireWeight(ns, vip, server, 2 + WARM_RELOADS + rounds - 1);
                // The same kind of change as jlvsctl weight makes it: reconcile, no file.
                int others = Math.max(1, table.services() - 1);
                for (int i = 0; i < WARM_OPERATOR_CHANGES; i++) {
                    director.setWeight("v" + (1 + i % others), "r1", 2 + i % 5);
                }
                List<Double> operatorMillis = new ArrayList<>();
                long operatorRoundTrips = 0;
                for (int i = 0; i < rounds; i++) {
                    transport.reset();
                    long t0 = System.nanoTime();
                    director.setWeight("v0", "r0", 40 + i);
                    operatorMillis.add((System.nanoTime() - t0) / 1e6);
                    operatorRoundTrips = Math.max(operatorRoundTrips, transport.sends());
                }
                requireWeight(ns, vip, server, 40 + rounds - 1);
                DirectorFigures f = new DirectorFigures(startSeconds, ListingRun.median(reloadMillis), reloadRoundTrips,
                        ListingRun.median(operatorMillis), operatorRoundTrips);
                ctx.log("jLVS: director started in %.1f s; reloads %s ms (%d round trips at most), setWeight %s ms (%d)",
                        startSeconds, reloadMillis, reloadRoundTrips, operatorMillis, operatorRoundTrips);
                return f;
            }
        }
    }

    private static int weight(CountedClient watcher, ServiceKey key, RealServer server) {
        for (RealServerEntry e : watcher.ipvs().realServers(key)) {
            if (e.key().equals(server.key())) {
                return e.server().weight();
            }
        }
        return -1;
    }

    private static void requireWeight(ScaleNamespace ns, String vip, String server, int expected) throws Exception {
        int shown = IpvsadmWitness.weight(ns, vip, server);
        if (shown != expected) {
            throw new IllegalStateException("ipvsadm shows weight " + shown + " for " + server + " in " + vip
                    + ", expected " + expected);
        }
    }
}
