package io.jlvs.bench.health;

import java.time.Duration;

/**
 * The health fan-out on this machine, no kernel needed:
 *
 * <pre>
 * java -cp benchmarks.jar io.jlvs.bench.health.HealthFanoutMain [SERVERS [SECONDS [INTERVAL_MS]]]
 * </pre>
 *
 * Defaults: 10000 servers (5 % refusing, 1 % timing out), 20 s measured (after a 5 s warm-up), 1000 ms
 * interval. Needs an open-file limit above SERVERS + about 1000 ({@code ulimit -n}); the JVM raises
 * its soft limit to the hard one. Prints one line: "health-fanout-10k (...) cpu=..% ... lateness_p99=..ms".
 */
public final class HealthFanoutMain {
    private HealthFanoutMain() {}

    public static void main(String[] args) throws Exception {
        int servers = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int intervalMs = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        if (servers < 1 || seconds < 1 || intervalMs < 2) {
            System.err.println("usage: HealthFanoutMain [SERVERS>=1 [SECONDS>=1 [INTERVAL_MS>=2]]]");
            System.exit(2);
        }
        HealthFanout.Measurement m = HealthFanoutRun.measure(servers, Duration.ofMillis(intervalMs),
                Duration.ofSeconds(seconds), Duration.ofSeconds(5), 1, line -> System.err.println("[health-fanout] " + line)).get(0);
        System.out.println(m.line(HealthFanoutRun.name(servers)));
        System.exit(0); // the probe threads are gone; do not wait for lingering JDK daemon threads
    }
}
