package io.jlvs.bench.table;

import java.time.Duration;
import java.util.List;

import io.jlvs.bench.scale.Goal;
import io.jlvs.bench.scale.Result;
import io.jlvs.bench.scale.RunContext;
import io.jlvs.bench.scale.ScaleNamespace;
import io.jlvs.bench.scale.ScaleRun;
import io.jlvs.director.LiveTable;
import io.jlvs.ipvs.Batch;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerEntry;
import io.jlvs.ipvs.ServiceKey;

/**
 * One weight change in a table of 10,000 services x 5 real servers. jLVS, through a socket that counts
 * round trips, two ways: as {@code io.jlvs.director.Director} reconciles today (read the whole kernel
 * table with {@code LiveTable.read}, then apply the difference; the planning itself is not included),
 * and the change alone (one EditRealServer batch), as a reconcile that remembers what it applied would
 * send it. keepalived:
 * the same table from keepalived.conf (no checks), then the weight changed in the file and SIGHUP, timed
 * until the kernel shows the new weight. Each in its own namespace.
 *
 * <p>The kernel is watched for keepalived's change with one real-server dump of that service every
 * 10 ms (a jLVS read: ipvsadm started that often would measure ipvsadm); ipvsadm confirms the result.
 * keepalived's clock starts when {@code kill -HUP} has returned, which flatters keepalived slightly.
 */
public final class WeightChangeRun implements ScaleRun {
    private static final int NEW_WEIGHT = 7;
    private static final int DIRECTOR_WEIGHT = 5;
    private static final Duration POLL = Duration.ofMillis(10);

    @Override
    public String name() {
        return "weight-change";
    }

    @Override
    public String description() {
        return "one weight change in a 10,000 x 5 table: jLVS round trips and time vs keepalived reload (SIGHUP)";
    }

    @Override
    public List<Result> run(RunContext ctx) throws Exception {
        ScaleTable table = new ScaleTable(ctx.size(10_000, 20), 5);
        ServiceKey key = table.key(0);
        RealServer changed = table.realServer(0, 0, NEW_WEIGHT);
        String vip = ScaleTable.endpoint(key);
        String server = table.realServerAddress(0, 0).getHostAddress() + ":" + ScaleTable.REAL_SERVER_PORT;
        Duration bound = ctx.shortMode() ? Duration.ofMinutes(3) : Duration.ofMinutes(30);

        double jlvsMillis;
        long roundTrips;
        double directorMillis;
        long directorRoundTrips;
        double jlvsLoadSeconds;
        try (ScaleNamespace ns = ctx.newNamespace(); CountedClient client = CountedClient.open(ns)) {
            long start = System.nanoTime();
            client.load(table);
            jlvsLoadSeconds = BulkLoadRun.seconds(System.nanoTime() - start);
            // Warm the edit path on another real server, so the measured change is not the first.
            client.ipvs().apply(Batch.builder().editRealServer(table.key(1 % table.services()),
                    table.realServer(1 % table.services(), 1)).build()).orThrow();
            // As io.jlvs.director.Director reconciles today: read the whole kernel table (LiveTable.read:
            // one dump for the services, one per service), then apply the planned difference.
            client.transport().reset();
            long t0 = System.nanoTime();
            LiveTable live = LiveTable.read(client.ipvs());
            if (live.service(key).flatMap(s -> s.realServer(changed.key())).isEmpty()) {
                throw new IllegalStateException("the table read back lacks " + changed.key() + " in " + key);
            }
            client.ipvs().apply(Batch.builder().editRealServer(key, table.realServer(0, 0, DIRECTOR_WEIGHT)).build()).orThrow();
            directorMillis = (System.nanoTime() - t0) / 1e6;
            directorRoundTrips = client.transport().sends();
            requireWeight(ns, vip, server, DIRECTOR_WEIGHT);
            // The change alone, as a reconcile that knows the table it last applied would send it.
            client.transport().reset();
            t0 = System.nanoTime();
            client.ipvs().apply(Batch.builder().editRealServer(key, changed).build()).orThrow();
            jlvsMillis = (System.nanoTime() - t0) / 1e6;
            roundTrips = client.transport().sends();
            requireWeight(ns, vip, server, NEW_WEIGHT);
        }

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
                Result.of(name(), what + ", Director-style reconcile, round trips", directorRoundTrips, "round trips")
                        .goal(Goal.valueAtMost(2, "at most 2 netlink round trips")),
                Result.of(name(), what + ", Director-style reconcile", directorMillis, "ms")
                        .against("keepalived SIGHUP reload", keepalivedMillis)
                        .goal(Goal.ratioAtMost(0.01, "far below keepalived's reload (100x)")),
                Result.of(name(), what + ", edit batch alone, round trips", roundTrips, "round trips")
                        .goal(Goal.valueAtMost(2, "at most 2 netlink round trips")),
                Result.of(name(), what + ", edit batch alone", jlvsMillis, "ms").against("keepalived SIGHUP reload", keepalivedMillis)
                        .goal(Goal.ratioAtMost(0.01, "far below keepalived's reload (100x)")),
                Result.of(name(), "load " + table.services() + "x" + table.realServersPerService() + " at start",
                        jlvsLoadSeconds, "s").against("keepalived start", keepalivedStartSeconds));
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
