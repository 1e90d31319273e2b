package io.jlvs.bench.health;

import io.jlvs.bench.scale.Goal;
import io.jlvs.bench.scale.Result;
import io.jlvs.bench.scale.Rounds;
import io.jlvs.bench.scale.RunContext;
import io.jlvs.bench.scale.ScaleRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * The health fan-out as a scale run: 10,000 loopback real servers TCP-checked every second (200 for
 * 3 s in short mode), 5 % of them refusing and 1 % timing out, the listening ones in a child process;
 * the monitor's whole JVM's CPU as a share of two cores (the servers' process's beside it), probe
 * lateness, and the verdicts per kind, judged against issue 18's "at most 35 % of two
 * cores, every probe on time". Three windows of 20 s one after the other on the same monitor (one of
 * 3 s in short mode), each figure's min/median/max kept. Needs no IPVS: the monitor's actuator does nothing.
 */
public final class HealthFanoutRun implements ScaleRun {
    static final double REFUSING_SHARE = 0.05;
    static final double TIMING_OUT_SHARE = 0.01;
    static final double CPU_GOAL_PERCENT = 35;

    static String name(int servers) {
        return servers % 1000 == 0 ? "health-fanout-" + servers / 1000 + "k" : "health-fanout-" + servers;
    }

    /**
     * The standard mix at {@code servers}, measured in {@code rounds} windows of {@code measured} on one
     * monitor. The connect timeout is 0.8 intervals, shorter than the interval, so that a server that
     * times out is still probed every interval, each probe on time.
     */
    static List<HealthFanout.Measurement> measure(int servers, Duration interval, Duration measured, Duration warmup,
            int rounds, Consumer<String> log) throws Exception {
        return HealthFanout.run(servers, (int) Math.round(servers * REFUSING_SHARE),
                (int) Math.round(servers * TIMING_OUT_SHARE), interval, interval.multipliedBy(4).dividedBy(5),
                measured, warmup, rounds, log);
    }

    @Override
    public String name() {
        return "health-fanout";
    }

    @Override
    public String description() {
        return "health monitor: N loopback real servers (5 % refusing, 1 % timing out) TCP-checked every 1 s;"
                + " CPU of two cores, probe lateness, verdicts; three 20 s windows (min/median/max)";
    }

    @Override
    public List<Result> run(RunContext context) throws Exception {
        int servers = context.size(10_000, 200);
        List<HealthFanout.Measurement> ms = measure(servers, Duration.ofSeconds(1), Duration.ofSeconds(context.size(20, 3)),
                Duration.ofSeconds(context.size(5, 1)), context.rounds(3), line -> context.log("%s", line));
        String n = name(servers);
        HealthFanout.Measurement first = ms.get(0);
        List<Result> out = new ArrayList<>(List.of(
                Result.ofRounds(name(), n + " cpu (of 2 cores)", rounds(ms, HealthFanout.Measurement::cpuPercent), "%")
                        .goal(Goal.valueAtMost(CPU_GOAL_PERCENT, "at most 35 % of two cores, the monitor's whole JVM")),
                Result.ofRounds(name(), n + " server farm process cpu (of 2 cores, not the monitor's)",
                        rounds(ms, HealthFanout.Measurement::serversCpuPercent), "%"),
                Result.ofRounds(name(), n + " cpu per probe", rounds(ms, HealthFanout.Measurement::cpuMicrosPerProbe), "us"),
                Result.ofRounds(name(), n + " lateness p50", rounds(ms, HealthFanout.Measurement::latenessP50Ms), "ms"),
                Result.ofRounds(name(), n + " lateness p99", rounds(ms, HealthFanout.Measurement::latenessP99Ms), "ms")
                        .goal(Goal.valueAtMost(100, "probes start within a tenth of the interval")),
                Result.ofRounds(name(), n + " lateness max", rounds(ms, HealthFanout.Measurement::latenessMaxMs), "ms"),
                Result.ofRounds(name(), n + " probes per s", rounds(ms, m -> m.probes() / m.seconds()), "probes/s")
                        .goal(Goal.valueAtLeast(servers * 0.95, "every server probed every interval")),
                Result.of(name(), n + " servers refusing", first.refusing(), "servers"),
                Result.of(name(), n + " servers timing out", first.timingOut(), "servers"),
                Result.of(name(), n + " connect timeout", first.connectTimeout().toMillis(), "ms")));
        for (Verdict v : Verdict.values()) {
            out.add(Result.ofRounds(name(), n + " verdicts " + v.label(), rounds(ms, m -> m.verdicts(v)), "probes"));
        }
        // Every round's unexpected verdicts count: a sum, not a median that could hide one bad round.
        out.add(Result.of(name(), n + " verdicts unexpected (all rounds)", ms.stream().mapToLong(HealthFanout.Measurement::unexpected).sum(), "probes")
                .goal(Goal.valueAtMost(0, "each server found as it was set up (serving, refusing, timing out)")));
        return out;
    }

    private static Rounds rounds(List<HealthFanout.Measurement> ms, ToDoubleFunction<HealthFanout.Measurement> f) {
        return new Rounds(ms.stream().map(m -> f.applyAsDouble(m)).toList());
    }
}
