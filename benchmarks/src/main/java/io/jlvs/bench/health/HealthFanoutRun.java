package io.jlvs.bench.health;

import io.jlvs.bench.scale.Goal;
import io.jlvs.bench.scale.Result;
import io.jlvs.bench.scale.RunContext;
import io.jlvs.bench.scale.ScaleRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The health fan-out as a scale run: 10,000 loopback real servers TCP-checked every second (200 for
 * 3 s in short mode), 5 % of them refusing and 1 % timing out, the listening ones in a child process;
 * the monitor's whole JVM's CPU as a share of two cores (the servers' process's beside it), probe
 * lateness, and the verdicts per kind, judged against issue 18's "at most 35 % of two
 * cores, every probe on time". Needs no IPVS: the monitor's actuator does nothing.
 */
public final class HealthFanoutRun implements ScaleRun {
    static final double REFUSING_SHARE = 0.05;
    static final double TIMING_OUT_SHARE = 0.01;
    static final double CPU_GOAL_PERCENT = 35;

    static String name(int servers) {
        return servers % 1000 == 0 ? "health-fanout-" + servers / 1000 + "k" : "health-fanout-" + servers;
    }

    /**
     * The standard mix at {@code servers}. The connect timeout is 0.8 intervals, shorter than the
     * interval, so that a server that times out is still probed every interval, each probe on time.
     */
    static HealthFanout.Measurement measure(int servers, Duration interval, Duration measured, Duration warmup,
            Consumer<String> log) throws Exception {
        return HealthFanout.run(servers, (int) Math.round(servers * REFUSING_SHARE),
                (int) Math.round(servers * TIMING_OUT_SHARE), interval, interval.multipliedBy(4).dividedBy(5),
                measured, warmup, log);
    }

    @Override
    public String name() {
        return "health-fanout";
    }

    @Override
    public String description() {
        return "health monitor: N loopback real servers (5 % refusing, 1 % timing out) TCP-checked every 1 s;"
                + " CPU of two cores, probe lateness, verdicts";
    }

    @Override
    public List<Result> run(RunContext context) throws Exception {
        int servers = context.size(10_000, 200);
        HealthFanout.Measurement m = measure(servers, Duration.ofSeconds(1), Duration.ofSeconds(context.size(20, 3)),
                Duration.ofSeconds(context.size(5, 1)), line -> context.log("%s", line));
        String n = name(servers);
        context.log("%s", m.line(n));
        List<Result> out = new ArrayList<>(List.of(
                Result.of(name(), n + " cpu (of 2 cores)", m.cpuPercent(), "%")
                        .goal(Goal.valueAtMost(CPU_GOAL_PERCENT, "at most 35 % of two cores, the monitor's whole JVM")),
                Result.of(name(), n + " server farm process cpu (of 2 cores, not the monitor's)", m.serversCpuPercent(), "%"),
                Result.of(name(), n + " cpu per probe", m.cpuMicrosPerProbe(), "us"),
                Result.of(name(), n + " lateness p50", m.latenessP50Ms(), "ms"),
                Result.of(name(), n + " lateness p99", m.latenessP99Ms(), "ms")
                        .goal(Goal.valueAtMost(100, "probes start within a tenth of the interval")),
                Result.of(name(), n + " lateness max", m.latenessMaxMs(), "ms"),
                Result.of(name(), n + " probes per s", m.probes() / m.seconds(), "probes/s")
                        .goal(Goal.valueAtLeast(servers * 0.95, "every server probed every interval")),
                Result.of(name(), n + " servers refusing", m.refusing(), "servers"),
                Result.of(name(), n + " servers timing out", m.timingOut(), "servers"),
                Result.of(name(), n + " connect timeout", m.connectTimeout().toMillis(), "ms")));
        for (Verdict v : Verdict.values()) {
            out.add(Result.of(name(), n + " verdicts " + v.label(), m.verdicts(v), "probes"));
        }
        out.add(Result.of(name(), n + " verdicts unexpected", m.unexpected(), "probes")
                .goal(Goal.valueAtMost(0, "each server found as it was set up (serving, refusing, timing out)")));
        return out;
    }
}
