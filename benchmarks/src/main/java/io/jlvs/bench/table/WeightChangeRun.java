package io.jlvs.bench.table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.jlvs.bench.scale.Goal;
import io.jlvs.bench.scale.Result;
import io.jlvs.bench.scale.RunContext;
import io.jlvs.bench.scale.ScaleNamespace;
import io.jlvs.bench.scale.ScaleRun;
import io.jlvs.director.Director;
import io.jlvs.director.DirectorSettings;
import io.jlvs.director.NodeMode;
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
 * to change a weight, each warmed once on the same path first:
 * <ul>
 *   <li>applied by reconcile: {@link Director#setWeight} (what {@code jlvsctl weight} and a health
 *       check's weight do): compose, plan and apply that change;
 *   <li>by configuration reload: the weight edited in the lvs.cf and {@link Director#reload()} (what
 *       {@code jlvsctl reload} and SIGHUP do): read and parse the whole file, then the same.
 * </ul>
 * keepalived: the same table from keepalived.conf (no checks), then the weight changed in the file and
 * SIGHUP, timed until the kernel shows the new weight. Each in its own namespace; ipvsadm confirms every
 * result.
 *
 * <p>The kernel is watched for keepalived's change with one real-server dump of that service every
 * 10 ms (a jLVS read: ipvsadm started that often would measure ipvsadm). keepalived's clock starts
 * when {@code kill -HUP} has returned, which flatters keepalived slightly.
 */
public final class WeightChangeRun implements ScaleRun {
    private static final int NEW_WEIGHT = 7;
    private static final int WARM_WEIGHT = 5;
    private static final int OPERATOR_WEIGHT = 9;
    private static final int WARM_OPERATOR_WEIGHT = 8;
    private static final Duration POLL = Duration.ofMillis(10);

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
        RealServer changed = table.realServer(0, 0, NEW_WEIGHT);
        String vip = ScaleTable.endpoint(key);
        String server = table.realServerAddress(0, 0).getHostAddress() + ":" + ScaleTable.REAL_SERVER_PORT;
        Duration bound = ctx.shortMode() ? Duration.ofMinutes(3) : Duration.ofMinutes(30);

        DirectorReload jlvs = directorReload(ctx, table, vip, server);

        double keepalivedStartSeconds;
        double keepalivedMillis;
        try (ScaleNamespace ns = ctx.newNamespace(); CountedClient watcher = CountedClient.open(ns)) {
            ctx.log("keepalived: loading %d virtual servers from keepalived.conf", table.services());
            long start = System.nanoTime();
            try (Keepalived keepalived = Keepalived.start(ctx, ns, table.keepalivedConf(ScaleTable.WEIGHT))) {
                awaitProgrammed(ctx, keepalived, watcher, table, start, bound);
                keepalivedStartSeconds = BulkLoadRun.seconds(System.nanoTime() - start);
                ctx.log("keepalived programmed the table in %.1f s; changing one weight and sending SIGHUP", keepalivedStartSeconds);
                keepalived.rewriteConfig(table.keepalivedConf(NEW_WEIGHT));
                keepalived.reload();
                long t0 = System.nanoTime();
                while (weight(watcher, key, changed) != NEW_WEIGHT) {
                    keepalived.requireAlive();
                    if (System.nanoTime() - t0 > bound.toNanos()) {
                        throw new IllegalStateException("keepalived did not apply the new weight within " + bound
                                + "; log ends: " + keepalived.logTail());
                    }
                    Thread.sleep(POLL.toMillis());
                }
                keepalivedMillis = (System.nanoTime() - t0) / 1e6;
                requireWeight(ns, vip, server, NEW_WEIGHT);
            }
        }
        String what = "weight change in " + table.services() + "x" + table.realServersPerService();
        return List.of(
                Result.of(name(), what + " applied by reconcile (setWeight), round trips", jlvs.operatorRoundTrips(), "round trips")
                        .goal(Goal.valueAtMost(2, "at most 2 netlink round trips")),
                Result.of(name(), what + " applied by reconcile (setWeight)", jlvs.operatorMillis(), "ms")
                        .against("keepalived SIGHUP reload", keepalivedMillis)
                        .goal(Goal.ratioAtMost(0.01, "far below keepalived's reload (100x)")),
                Result.of(name(), what + " by lvs.cf reload, round trips", jlvs.roundTrips(), "round trips")
                        .goal(Goal.valueAtMost(2, "at most 2 netlink round trips")),
                Result.of(name(), what + " by lvs.cf reload", jlvs.reloadMillis(), "ms")
                        .against("keepalived SIGHUP reload", keepalivedMillis)
                        .goal(Goal.ratioAtMost(0.01, "far below keepalived's reload (100x)")),
                Result.of(name(), "load " + table.services() + "x" + table.realServersPerService() + " at start",
                        jlvs.startSeconds(), "s").against("keepalived start", keepalivedStartSeconds));
    }

    private record DirectorReload(double startSeconds, double reloadMillis, long roundTrips, double operatorMillis,
                                  long operatorRoundTrips) {
    }

    /** Starts a director on the table's lvs.cf, reloads once to warm, then measures one reload. */
    private static DirectorReload directorReload(RunContext ctx, ScaleTable table, String vip, String server)
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
            try (Director director = Director.start(settings, parts)) {
                double startSeconds = BulkLoadRun.seconds(System.nanoTime() - start);
                try (CountedClient witness = CountedClient.open(ns)) {
                    if (witness.countEntries() != table.operations()) {
                        throw new IllegalStateException("the director programmed " + witness.countEntries()
                                + " entries, expected " + table.operations());
                    }
                }
                reload(director, file, table.lvsCf(WARM_WEIGHT));
                requireWeight(ns, vip, server, WARM_WEIGHT);
                Files.writeString(file, table.lvsCf(NEW_WEIGHT));
                transport.reset();
                long t0 = System.nanoTime();
                int applied = director.reload();
                double reloadMillis = (System.nanoTime() - t0) / 1e6;
                long roundTrips = transport.sends();
                if (applied != 1) {
                    throw new IllegalStateException("the reload applied " + applied + " operations, expected 1");
                }
                requireWeight(ns, vip, server, NEW_WEIGHT);
                // The same kind of change as jlvsctl weight makes it: reconcile without a file.
                director.setWeight("v0", "r0", WARM_OPERATOR_WEIGHT);
                requireWeight(ns, vip, server, WARM_OPERATOR_WEIGHT);
                transport.reset();
                t0 = System.nanoTime();
                director.setWeight("v0", "r0", OPERATOR_WEIGHT);
                double operatorMillis = (System.nanoTime() - t0) / 1e6;
                long operatorRoundTrips = transport.sends();
                requireWeight(ns, vip, server, OPERATOR_WEIGHT);
                ctx.log("jLVS: director started in %.1f s; the reload took %.1f ms in %d round trips, setWeight %.1f ms in %d",
                        startSeconds, reloadMillis, roundTrips, operatorMillis, operatorRoundTrips);
                return new DirectorReload(startSeconds, reloadMillis, roundTrips, operatorMillis, operatorRoundTrips);
            }
        }
    }

    private static void reload(Director director, Path file, String text) throws Exception {
        Files.writeString(file, text);
        int applied = director.reload();
        if (applied != 1) {
            throw new IllegalStateException("the warm-up reload applied " + applied + " operations, expected 1");
        }
    }

    /** Waits until keepalived has put every service and real server into the kernel. */
    private static void awaitProgrammed(RunContext ctx, Keepalived keepalived, CountedClient watcher, ScaleTable table,
                                        long start, Duration bound) throws Exception {
        ServiceKey last = table.key(table.services() - 1);
        while (true) {
            keepalived.requireAlive();
            if (System.nanoTime() - start > bound.toNanos()) {
                throw new IllegalStateException("keepalived did not program " + table.operations() + " entries within "
                        + bound + "; log ends: " + keepalived.logTail());
            }
            // Cheap test first (keepalived adds the services in file order), then the full count.
            if (watcher.ipvs().service(last).isPresent()
                    && watcher.ipvs().realServers(last).size() == table.realServersPerService()
                    && watcher.countEntries() == table.operations()) {
                return;
            }
            Thread.sleep(200);
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
