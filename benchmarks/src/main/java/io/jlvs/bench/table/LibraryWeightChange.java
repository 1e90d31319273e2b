package io.jlvs.bench.table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.jlvs.bench.scale.Rounds;
import io.jlvs.bench.scale.RunContext;
import io.jlvs.bench.scale.ScaleNamespace;
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

/**
 * The library figures of the weight-change run: {@code io.jlvs.director.Director} (what jlvsd runs)
 * started in this JVM on the table's lvs.cf (no health checks, a fixed ACTIVE role), its IPVS socket
 * counting round trips, and a weight changed the two ways jlvsd changes one, each timed from the call
 * to its return (the kernel has the weight then: the apply is synchronous):
 * <ul>
 *   <li>{@link Director#setWeight} (what {@code jlvsctl weight} reaches inside jlvsd): compose, plan,
 *       apply;
 *   <li>{@link Director#reload()} after the weight was edited in the lvs.cf (what SIGHUP reaches):
 *       read and parse the whole file, then the same.
 * </ul>
 * Each path is warmed first ({@value #WARM_RELOADS} reloads, {@value #WARM_SET_WEIGHTS} setWeight calls
 * on other servers): a long-running director has run them before, and a first, interpreted call would
 * measure the JIT under emulation. No process start, no signal, no socket: not comparable with
 * keepalived's whole-process figures, which {@link ProcessWeightChange} measures.
 */
final class LibraryWeightChange {
    private static final int WARM_SET_WEIGHTS = 20;
    private static final int WARM_RELOADS = 3;

    /**
     * Every round of both paths.
     *
     * @param startSeconds         the director's start on the table (read, parse, compose, one batch)
     * @param reloadMillis         {@link Director#reload()}, one per round
     * @param reloadRoundTrips     the most netlink round trips a measured reload took
     * @param setWeightMillis      {@link Director#setWeight}, one per round
     * @param setWeightRoundTrips  the most a measured setWeight took
     */
    record Figures(double startSeconds, Rounds reloadMillis, long reloadRoundTrips, Rounds setWeightMillis,
                   long setWeightRoundTrips) {
    }

    private LibraryWeightChange() {
    }

    static Figures measure(RunContext ctx, ScaleTable table, int rounds) throws Exception {
        String vip = ScaleTable.endpoint(table.key(0));
        String server = table.realServerAddress(0, 0).getHostAddress() + ":" + ScaleTable.REAL_SERVER_PORT;
        Path file = ctx.workDir().resolve("weight-change-library-lvs.cf");
        Files.writeString(file, table.lvsCf(ScaleTable.WEIGHT));
        try (ScaleNamespace ns = ctx.newNamespace()) {
            CountingTransport transport = CountingTransport.open(ns.namespace());
            // The production parts but for health checks (nothing listens on the real servers, which
            // checks would rightly take out) and failover (a fixed role: no peer, no addresses).
            DirectorParts parts = new DirectorParts(new LvsCfLoader(), c -> HealthPort.none(),
                    c -> new StandaloneRole(Role.ACTIVE), n -> KernelTable.ipvs(IpvsClient.over(transport, n)));
            DirectorSettings settings = DirectorSettings.builder(file).namespace(ns.namespace()).node(NodeMode.PRIMARY)
                    .driftInterval(Duration.ofDays(1)).build();
            ctx.log("library: starting a Director in this JVM on %d virtual servers from lvs.cf", table.services());
            long start = System.nanoTime();
            try (Director director = DirectorAccess.start(settings, parts)) {
                double startSeconds = BulkLoadRun.seconds(System.nanoTime() - start);
                try (CountedClient witness = CountedClient.open(ns)) {
                    if (witness.countEntries() != table.operations()) {
                        throw new IllegalStateException("the director programmed " + witness.countEntries()
                                + " entries, expected " + table.operations());
                    }
                }
                double[] reloads = new double[rounds];
                long reloadRoundTrips = 0;
                for (int i = 0; i < WARM_RELOADS + rounds; i++) {
                    Files.writeString(file, table.lvsCf(2 + i));
                    transport.reset();
                    long t0 = System.nanoTime();
                    int applied = director.reload();
                    double millis = (System.nanoTime() - t0) / 1e6;
                    if (applied != 1) {
                        throw new IllegalStateException("a reload applied " + applied + " operations, expected 1");
                    }
                    if (i >= WARM_RELOADS) {
                        reloads[i - WARM_RELOADS] = millis;
                        reloadRoundTrips = Math.max(reloadRoundTrips, transport.sends());
                    }
                }
                IpvsadmWitness.requireWeight(ns, vip, server, 2 + WARM_RELOADS + rounds - 1);
                int others = Math.max(1, table.services() - 1);
                for (int i = 0; i < WARM_SET_WEIGHTS; i++) {
                    director.setWeight("v" + (1 + i % others), "r1", 2 + i % 5);
                }
                double[] setWeights = new double[rounds];
                long setWeightRoundTrips = 0;
                for (int i = 0; i < rounds; i++) {
                    transport.reset();
                    long t0 = System.nanoTime();
                    director.setWeight("v0", "r0", 40 + i);
                    setWeights[i] = (System.nanoTime() - t0) / 1e6;
                    setWeightRoundTrips = Math.max(setWeightRoundTrips, transport.sends());
                }
                IpvsadmWitness.requireWeight(ns, vip, server, 40 + rounds - 1);
                Figures f = new Figures(startSeconds, Rounds.of(reloads), reloadRoundTrips, Rounds.of(setWeights),
                        setWeightRoundTrips);
                ctx.log("library: Director started in %.1f s; reload() %s ms (%d round trips at most), setWeight %s ms (%d)",
                        startSeconds, f.reloadMillis().values(), reloadRoundTrips, f.setWeightMillis().values(),
                        setWeightRoundTrips);
                return f;
            }
        }
    }
}
