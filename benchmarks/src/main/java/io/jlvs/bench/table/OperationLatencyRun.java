package io.jlvs.bench.table;

import java.util.List;

import io.jlvs.bench.scale.Goal;
import io.jlvs.bench.scale.Result;
import io.jlvs.bench.scale.Rounds;
import io.jlvs.bench.scale.RunContext;
import io.jlvs.bench.scale.ScaleNamespace;
import io.jlvs.bench.scale.ScaleRun;
import io.jlvs.ipvs.IpvsClient;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.ServiceKey;

/**
 * What one change costs next to the cheapest thing IPVS answers: {@code editRealServer} (a weight change,
 * one SET_DEST and its ack) against {@code info()} (GET_INFO, the netlink round-trip floor), on the same
 * client, interleaved so both see the same noise. After a warm-up pass of N each, three rounds (one in
 * short mode) of N each: every round's median is kept (min/median/max over the rounds), and the p90 of
 * the last round.
 */
public final class OperationLatencyRun implements ScaleRun {

    @Override
    public String name() {
        return "op-latency";
    }

    @Override
    public String description() {
        return "one real-server weight edit vs the GET_INFO round trip, median of N each";
    }

    @Override
    public List<Result> run(RunContext ctx) throws Exception {
        int n = ctx.size(2_000, 20);
        ScaleTable table = new ScaleTable(1, 1);
        ServiceKey key = table.key(0);
        RealServer[] weights = {table.realServer(0, 0, 2), table.realServer(0, 0, 3)};
        int rounds = ctx.rounds(3);
        double[] edit = new double[n];
        double[] info = new double[n];
        double[] editMedians = new double[rounds];
        double[] infoMedians = new double[rounds];
        try (ScaleNamespace ns = ctx.newNamespace(); IpvsClient ipvs = ns.openIpvs()) {
            ipvs.addService(table.service(0));
            ipvs.addRealServer(key, table.realServer(0, 0));
            for (int pass = 0; pass <= rounds; pass++) { // pass 0 warms up and is not kept
                for (int i = 0; i < n; i++) {
                    long t0 = System.nanoTime();
                    ipvs.editRealServer(key, weights[i & 1]);
                    long t1 = System.nanoTime();
                    ipvs.info();
                    long t2 = System.nanoTime();
                    edit[i] = t1 - t0;
                    info[i] = t2 - t1;
                }
                if (pass > 0) {
                    editMedians[pass - 1] = ListingRun.median(edit) / 1000;
                    infoMedians[pass - 1] = ListingRun.median(info) / 1000;
                }
            }
            int shown = IpvsadmWitness.weight(ns, ScaleTable.endpoint(key),
                    table.realServerAddress(0, 0).getHostAddress() + ":" + ScaleTable.REAL_SERVER_PORT);
            if (shown != weights[(n - 1) & 1].weight()) {
                throw new IllegalStateException("ipvsadm shows weight " + shown + " after the edits, expected "
                        + weights[(n - 1) & 1].weight());
            }
        }
        return List.of(
                Result.ofRounds(name(), "edit real server (median of " + n + " per round)", Rounds.of(editMedians), "us")
                        .againstRounds("GET_INFO round trip", Rounds.of(infoMedians))
                        .goal(Goal.ratioAtMost(1.3, "at most 1.3x the netlink round-trip floor")),
                Result.of(name(), "edit real server (p90 of the last round's " + n + ")", percentile(edit, 0.9) / 1000, "us")
                        .against("GET_INFO p90", percentile(info, 0.9) / 1000));
    }

    static double percentile(double[] values, double p) {
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        return v[Math.min(v.length - 1, (int) Math.floor(p * v.length))];
    }
}
