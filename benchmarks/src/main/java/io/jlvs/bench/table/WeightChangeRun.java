package io.jlvs.bench.table;

import java.time.Duration;
import java.util.List;

import io.jlvs.bench.scale.Goal;
import io.jlvs.bench.scale.Result;
import io.jlvs.bench.scale.RunContext;
import io.jlvs.bench.scale.ScaleRun;

/**
 * One weight change in a table of 10,000 services x 5 real servers, like with like (issue 18):
 * <ul>
 *   <li>by configuration reload: a whole jlvsd process, the weight edited in its lvs.cf and SIGHUP,
 *       against keepalived, the weight edited in its keepalived.conf and SIGHUP;
 *   <li>at run time: a whole {@code jlvsctl weight} process against a whole {@code ipvsadm -e} process,
 *       the nearest a keepalived operator has (keepalived has no run-time weight command);
 * </ul>
 * both timed from the start of the process that makes the change until the kernel shows the new weight
 * by the same 10 ms poll ({@link ProcessWeightChange}); and, as library figures with no peer,
 * {@code Director.setWeight} and {@code Director.reload()} called in this JVM, with their netlink round
 * trips ({@link LibraryWeightChange}). At least three rounds of each outside short mode (the library's
 * five), min/median/max kept; ipvsadm confirms the weights at the end.
 */
public final class WeightChangeRun implements ScaleRun {
    private static final String NOT_SLOWER = "jLVS not slower than keepalived (issue 18 sets no number: like with like)";

    @Override
    public String name() {
        return "weight-change";
    }

    @Override
    public String description() {
        return "one weight change in a 10,000 x 5 table, whole processes until the kernel shows it: jlvsd lvs.cf reload"
                + " (SIGHUP) vs keepalived reload (SIGHUP), jlvsctl weight vs ipvsadm -e (keepalived has no run-time"
                + " weight command); library (in-process) Director.setWeight and Director.reload figures";
    }

    @Override
    public List<Result> run(RunContext ctx) throws Exception {
        ScaleTable table = new ScaleTable(ctx.size(10_000, 20), 5);
        Duration startBound = ctx.shortMode() ? Duration.ofMinutes(5) : Duration.ofMinutes(30);
        LibraryWeightChange.Figures library = LibraryWeightChange.measure(ctx, table, ctx.rounds(5));
        ProcessWeightChange.Figures process = ProcessWeightChange.measure(ctx, table, ctx.rounds(3), startBound);

        String what = "weight change in " + table.services() + "x" + table.realServersPerService();
        return List.of(
                Result.ofRounds(name(), what + " by lvs.cf reload, whole jlvsd (SIGHUP)", process.jlvsdReload(), "ms")
                        .againstRounds("keepalived reload (SIGHUP)", process.keepalivedReload())
                        .goal(Goal.ratioAtMost(1, NOT_SLOWER)),
                Result.ofRounds(name(), what + " at run time, whole jlvsctl weight process", process.jlvsctlWeight(), "ms")
                        .againstRounds("ipvsadm -e process (keepalived has no run-time weight command)", process.ipvsadmEdit())
                        .goal(Goal.ratioAtMost(1, NOT_SLOWER)),
                Result.ofRounds(name(), what + ", library (in-process) Director.setWeight", library.setWeightMillis(), "ms"),
                Result.of(name(), what + ", library (in-process) Director.setWeight, round trips (most)",
                        library.setWeightRoundTrips(), "round trips")
                        .goal(Goal.valueAtMost(2, "at most 2 netlink round trips")),
                Result.ofRounds(name(), what + ", library (in-process) Director.reload", library.reloadMillis(), "ms"),
                Result.of(name(), what + ", library (in-process) Director.reload, round trips (most)",
                        library.reloadRoundTrips(), "round trips")
                        .goal(Goal.valueAtMost(2, "at most 2 netlink round trips")));
    }
}
