package io.jlvs.bench.table;

import java.util.Arrays;
import java.util.List;

import io.jlvs.bench.scale.Goal;
import io.jlvs.bench.scale.Result;
import io.jlvs.bench.scale.RunContext;
import io.jlvs.bench.scale.ScaleNamespace;
import io.jlvs.bench.scale.ScaleRun;
import io.jlvs.ipvs.ServiceEntry;

/**
 * Reading back a table of 10,000 services x 5 real servers: {@code services()} and then
 * {@code realServers(key)} for each service (what {@code ipvsadm -Sn} does too: one service dump, then
 * one real-server dump per service) against {@code ipvsadm -Sn} writing it out. Alternated, three times
 * each, the median kept. ipvsadm's time includes starting the process and writing the text.
 */
public final class ListingRun implements ScaleRun {

    @Override
    public String name() {
        return "listing";
    }

    @Override
    public String description() {
        return "list a 10,000 x 5 table: IpvsClient services()+realServers() vs ipvsadm -Sn";
    }

    @Override
    public List<Result> run(RunContext ctx) throws Exception {
        ScaleTable table = new ScaleTable(ctx.size(10_000, 20), 5);
        int rounds = ctx.size(3, 1);
        double[] jlvs = new double[rounds];
        double[] ipvsadm = new double[rounds];
        long roundTrips = 0;
        try (ScaleNamespace ns = ctx.newNamespace(); CountedClient client = CountedClient.open(ns)) {
            ctx.log("loading %d operations", table.operations());
            client.load(table);
            client.countEntries(); // warm-up of the listing path
            for (int i = 0; i < rounds; i++) {
                ipvsadm[i] = BulkLoadRun.seconds(IpvsadmWitness.save(ns, table.operations()).elapsed().toNanos());
                client.transport().reset();
                long start = System.nanoTime();
                int entries = list(client);
                jlvs[i] = BulkLoadRun.seconds(System.nanoTime() - start);
                roundTrips = client.transport().sends();
                if (entries != table.operations()) {
                    throw new IllegalStateException("jLVS listed " + entries + " entries, expected " + table.operations());
                }
                ctx.log("round %d: jLVS %.3f s, ipvsadm -Sn %.3f s", i + 1, jlvs[i], ipvsadm[i]);
            }
        }
        String what = "list " + table.services() + "x" + table.realServersPerService();
        return List.of(
                Result.of(name(), what, median(jlvs), "s").against("ipvsadm -Sn", median(ipvsadm))
                        .goal(Goal.ratioAtMost(1.0, "jLVS no slower than ipvsadm -Sn")),
                Result.of(name(), what + " round trips", roundTrips, "round trips"));
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
