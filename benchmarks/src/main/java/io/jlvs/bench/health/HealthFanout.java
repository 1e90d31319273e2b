package io.jlvs.bench.health;

import io.jlvs.health.Actuator;
import io.jlvs.health.ConnectOptions;
import io.jlvs.health.HealthMonitor;
import io.jlvs.health.HealthPolicy;
import io.jlvs.health.TcpConnectCheck;
import io.jlvs.health.WatchedServer;
import io.jlvs.health.WatchedService;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.VirtualService;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The health monitor's fan-out: N loopback listeners checked with TCP connects at one interval for a
 * while, measuring CPU use and probe lateness (actual start minus scheduled start). The monitor
 * decides but actuates nothing (no kernel needed): what is measured is scheduling and probing.
 */
final class HealthFanout {

    /**
     * @param servers          real servers watched
     * @param seconds          measured duration
     * @param cpuPercent       process CPU time / (wall time x cores), in percent
     * @param monitorCpuPercent the same without the listeners' accept thread (the probed side)
     * @param latenessP50Ms    probe lateness percentiles, ms
     * @param probes           probes finished in the measured window
     * @param down             of those, how many found the server down
     */
    record Measurement(int servers, double seconds, double cpuPercent, double monitorCpuPercent, double latenessP50Ms,
            double latenessP99Ms, double latenessMaxMs, long probes, long down, double expectedProbes,
            double cpuMicrosPerProbe, String downReasons) {

        String line(String name) {
            return String.format(Locale.ROOT, "%s cpu=%.1f%% monitor_cpu=%.1f%% lateness_p50=%.2fms lateness_p99=%.2fms"
                            + " lateness_max=%.2fms probes=%d (expected ~%.0f) cpu_per_probe=%.0fus down=%d%s",
                    name, cpuPercent, monitorCpuPercent, latenessP50Ms, latenessP99Ms, latenessMaxMs, probes,
                    expectedProbes, cpuMicrosPerProbe, down, down == 0 ? "" : " " + downReasons);
        }
    }

    private HealthFanout() {}

    static Measurement run(int servers, Duration interval, Duration duration, Duration warmup, Consumer<String> log)
            throws Exception {
        log.accept("opening " + servers + " loopback listeners");
        try (LoopbackListeners listeners = new LoopbackListeners(servers)) {
            List<InetSocketAddress> targets = listeners.addresses();
            TcpConnectCheck check = new TcpConnectCheck(ConnectOptions.of(Duration.ofSeconds(2)));
            HealthPolicy policy = HealthPolicy.builder().interval(interval).build();
            List<WatchedService> services = new ArrayList<>();
            int perService = 100;
            for (int s = 0; s * perService < servers; s++) {
                ServiceKey key = ServiceKey.tcp(InetAddress.getByAddress(new byte[] {10, 99, (byte) (s / 250), (byte) (s % 250 + 1)}), 80);
                List<WatchedServer> ws = new ArrayList<>();
                for (int i = s * perService; i < Math.min(servers, (s + 1) * perService); i++) {
                    InetSocketAddress t = targets.get(i);
                    ws.add(WatchedServer.of(RealServer.builder(t.getAddress(), t.getPort()).masquerade().build(), check));
                }
                services.add(new WatchedService(VirtualService.builder(key).build(), ws, policy));
            }

            Window window = new Window(Math.max(1024, (int) (servers * (duration.toMillis() / (double) interval.toMillis()) * 2)));
            HealthMonitor monitor = HealthMonitor.builder(Actuator.none()).watch(services)
                    .probeObserver((target, c, scheduled, started, result) ->
                            window.record(Duration.between(scheduled, started).toNanos(), result))
                    .build();
            try (monitor) {
                monitor.start();
                log.accept("monitoring " + servers + " servers every " + interval.toMillis() + " ms; warming up "
                        + warmup.toSeconds() + " s");
                Thread.sleep(warmup);
                com.sun.management.OperatingSystemMXBean os =
                        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                long listenerId = listeners.acceptorThread().threadId();
                window.open();
                long cpu0 = os.getProcessCpuTime();
                long acc0 = threads.getThreadCpuTime(listenerId);
                long wall0 = System.nanoTime();
                log.accept("measuring for " + duration.toSeconds() + " s");
                Thread.sleep(duration);
                long wall = System.nanoTime() - wall0;
                long cpu = os.getProcessCpuTime() - cpu0;
                long acc = threads.getThreadCpuTime(listenerId) - acc0;
                window.close();
                int cores = Runtime.getRuntime().availableProcessors();
                double cpuPct = 100.0 * cpu / ((double) wall * cores);
                double monitorPct = 100.0 * (cpu - Math.max(0, acc)) / ((double) wall * cores);
                long[] late = window.lateness();
                Arrays.sort(late);
                double expected = servers * (wall / (double) interval.toNanos());
                return new Measurement(servers, wall / 1e9, cpuPct, monitorPct, ms(percentile(late, 0.50)),
                        ms(percentile(late, 0.99)), ms(late.length == 0 ? 0 : late[late.length - 1]), late.length,
                        window.down(), expected, late.length == 0 ? 0 : cpu / 1e3 / late.length, window.reasons());
            }
        }
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** Probe lateness recorded only while the measurement window is open; lock-free, bounded. */
    private static final class Window {
        private final long[] lateness;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicLong down = new AtomicLong();
        private volatile boolean open;

        Window(int capacity) {
            lateness = new long[capacity];
        }

        void open() {
            open = true;
        }

        void close() {
            open = false;
        }

        private final java.util.concurrent.ConcurrentHashMap<String, AtomicLong> reasons = new java.util.concurrent.ConcurrentHashMap<>();

        String reasons() {
            return reasons.toString();
        }

        void record(long latenessNanos, io.jlvs.health.ProbeResult result) {
            if (!open) {
                return;
            }
            int i = next.getAndIncrement();
            if (i < lateness.length) {
                lateness[i] = latenessNanos;
            }
            if (!result.up()) {
                down.incrementAndGet();
                reasons.computeIfAbsent(result.reason(), r -> new AtomicLong()).incrementAndGet();
            }
        }

        long[] lateness() {
            return Arrays.copyOf(lateness, Math.min(next.get(), lateness.length));
        }

        long down() {
            return down.get();
        }
    }
}
