package io.jlvs.bench.table;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.jlvs.bench.cli.CliStartupRun;
import io.jlvs.bench.scale.Goal;
import io.jlvs.bench.scale.Result;
import io.jlvs.bench.scale.Rounds;
import io.jlvs.bench.scale.RunContext;
import io.jlvs.bench.scale.ScaleNamespace;
import io.jlvs.bench.scale.ScaleRun;
import io.jlvs.ipvs.ServiceEntry;

/**
 * Reading back a table of 10,000 services x 5 real servers, three ways: {@code ipvsadm -Sn} writing it
 * out, a whole {@code bin/jlvsadm -Sn} process writing the same 60,000 lines (the same work, JVM start
 * included), and the in-library dump in this warmed JVM ({@code services()} then {@code realServers(key)}
 * per service: the same dumps as {@code ipvsadm -Sn}, no text). Each round runs the three, the first
 * moving on by one every round; at least three rounds, min/median/max kept. Both listings are checked
 * to hold every rule.
 */
public final class ListingRun implements ScaleRun {

    @Override
    public String name() {
        return "listing";
    }

    @Override
    public String description() {
        return "list a 10,000 x 5 table: ipvsadm -Sn vs a whole jlvsadm -Sn and IpvsClient services()+realServers()";
    }

    @Override
    public List<Result> run(RunContext ctx) throws Exception {
        ScaleTable table = new ScaleTable(ctx.size(10_000, 20), 5);
        int rounds = ctx.rounds(3);
        Path jlvsadm = CliStartupRun.launcher("jlvsadm");
        double[][] t = new double[3][rounds]; // ipvsadm -Sn, jlvsadm -Sn, in-library
        long roundTrips = 0;
        try (ScaleNamespace ns = ctx.newNamespace(); CountedClient client = CountedClient.open(ns)) {
            ctx.log("loading %d operations", table.operations());
            client.load(table);
            client.countEntries(); // warm-up of the listing path
            for (int i = 0; i < rounds; i++) {
                for (int k = 0; k < 3; k++) {
                    int side = (i + k) % 3;
                    switch (side) {
                        case 0 -> t[0][i] = BulkLoadRun.seconds(IpvsadmWitness.save(ns, table.operations()).elapsed().toNanos());
                        case 1 -> t[1][i] = BulkLoadRun.seconds(IpvsadmWitness.requireRules(
                                ns.exec(IpvsadmWitness.TIMEOUT, jlvsadm.toString(), "-Sn").orThrow(), table.operations())
                                .elapsed().toNanos());
                        default -> {
                            client.transport().reset();
                            long start = System.nanoTime();
                            int entries = list(client);
                            t[2][i] = BulkLoadRun.seconds(System.nanoTime() - start);
                            roundTrips = client.transport().sends();
                            if (entries != table.operations()) {
                                throw new IllegalStateException("jLVS listed " + entries + " entries, expected " + table.operations());
                            }
                        }
                    }
                }
                ctx.log(String.format(Locale.ROOT, "round %d: ipvsadm -Sn %.3f s, jlvsadm -Sn %.3f s, in-library %.3f s",
                        i + 1, t[0][i], t[1][i], t[2][i]));
            }
        }
        String what = "list " + table.services() + "x" + table.realServersPerService();
        return List.of(
                Result.ofRounds(name(), what + ", whole jlvsadm -Sn", Rounds.of(t[1]), "s")
                        .againstRounds("ipvsadm -Sn", Rounds.of(t[0]))
                        .goal(Goal.ratioAtMost(1.0, "a whole jlvsadm -Sn no slower than ipvsadm -Sn")),
                Result.ofRounds(name(), what + ", in-library", Rounds.of(t[2]), "s")
                        .againstRounds("ipvsadm -Sn", Rounds.of(t[0]))
                        .goal(Goal.ratioAtMost(1.0, "jLVS no slower than ipvsadm -Sn")),
                Result.of(name(), what + " round trips, in-library", roundTrips, "round trips"));
    }

    private static int list(CountedClient client) {
        int n = 0;
        for (ServiceEntry s : client.ipvs().services()) {
            n += 1 + client.ipvs().realServers(s.service().key()).size();
        }
        return n;
    }

    static double median(java.util.List<Double> values) {
        return median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
