package io.jlvs.bench.health;

import io.jlvs.bench.scale.Goal;
import io.jlvs.bench.scale.Result;
import io.jlvs.bench.scale.RunContext;
import io.jlvs.bench.scale.ScaleRun;
import java.time.Duration;
import java.util.List;

/**
 * The health fan-out as a scale run: 10,000 loopback servers TCP-checked every second (200 for 3 s in
 * short mode); CPU use and probe lateness, judged against issue 5's "10,000 real servers at a 1 s
 * interval sustainable on 2 cores". Needs no IPVS: the monitor's actuator does nothing.
 */
public final class HealthFanoutRun implements ScaleRun {

    static String name(int servers) {
        return servers % 1000 == 0 ? "health-fanout-" + servers / 1000 + "k" : "health-fanout-" + servers;
    }

    @Override
    public String name() {
        return "health-fanout";
    }

    @Override
    public String description() {
        return "health monitor: N loopback real servers TCP-checked every 1 s; CPU use and probe lateness";
    }

    @Override
    public List<Result> run(RunContext context) throws Exception {
        int servers = context.size(10_000, 200);
        Duration measured = Duration.ofSeconds(context.size(20, 3));
        HealthFanout.Measurement m = HealthFanout.run(servers, Duration.ofSeconds(1), measured,
                Duration.ofSeconds(context.size(5, 1)), line -> context.log("%s", line));
        String n = name(servers);
        context.log("%s", m.line(n));
        return List.of(
                Result.of(name(), n + " cpu", m.cpuPercent(), "%")
                        .goal(Goal.valueAtMost(50, "sustainable: under half of the machine's CPU")),
                Result.of(name(), n + " monitor cpu", m.monitorCpuPercent(), "%"),
                Result.of(name(), n + " cpu per probe", m.cpuMicrosPerProbe(), "us"),
                Result.of(name(), n + " lateness p50", m.latenessP50Ms(), "ms"),
                Result.of(name(), n + " lateness p99", m.latenessP99Ms(), "ms")
                        .goal(Goal.valueAtMost(100, "probes start within a tenth of the interval")),
                Result.of(name(), n + " lateness max", m.latenessMaxMs(), "ms"),
                Result.of(name(), n + " probes per s", m.probes() / m.seconds(), "probes/s")
                        .goal(Goal.valueAtLeast(servers * 0.95, "every server probed every interval")));
    }
}
