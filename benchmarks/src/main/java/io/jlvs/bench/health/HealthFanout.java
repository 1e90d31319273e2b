package io.jlvs.bench.health;

import io.jlvs.health.Actuator;
import io.jlvs.health.ConnectOptions;
import io.jlvs.health.HealthMonitor;
import io.jlvs.health.HealthPolicy;
import io.jlvs.health.ProbeResult;
import io.jlvs.health.TcpConnectCheck;
import io.jlvs.health.WatchedServer;
import io.jlvs.health.WatchedService;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.VirtualService;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The health monitor's fan-out: N loopback real servers checked with TCP connects at one interval for
 * a while, measuring CPU use and probe lateness (actual start minus scheduled start). Most servers
 * accept; a share refuses (a port nothing listens on: reset) and a share times out (a listener whose
 * accept queue is full: the SYN is dropped), as in a real farm with servers down. The servers that
 * listen run in a child process ({@link ServerFarm}), so this JVM's CPU is the monitor's alone, as on a
 * director whose servers are other machines; theirs is reported beside it. The monitor decides but
 * actuates nothing (no kernel needed): what is measured is scheduling and probing.
 */
final class HealthFanout {
    /** The goal's machine: CPU is given as a share of two cores whatever this machine has. */
    static final int GOAL_CORES = 2;

    /**
     * @param servers           real servers watched
     * @param refusing          of those, how many refuse connections
     * @param timingOut         of those, how many never answer a SYN
     * @param connectTimeout    the TCP check's connect timeout
     * @param seconds           measured duration
     * @param cpuPercent        the monitor's whole JVM's CPU time / (wall time x 2 cores), in percent
     * @param serversCpuPercent the same for the server farm's process (the probed side, {@link ServerFarm})
     * @param latenessP50Ms     probe lateness percentiles, ms
     * @param probes            probes finished in the measured window
     * @param verdicts          of those, how many found each {@link Verdict} (by ordinal)
     * @param unexpected        of those, how many found something other than their server was set up for
     */
    record Measurement(int servers, int refusing, int timingOut, Duration connectTimeout, double seconds,
            double cpuPercent, double serversCpuPercent, double latenessP50Ms, double latenessP99Ms,
            double latenessMaxMs, long probes, long[] verdicts, long unexpected, double expectedProbes,
            double cpuMicrosPerProbe, String otherReasons) {

        long verdicts(Verdict v) {
            return verdicts[v.ordinal()];
        }

        String line(String name) {
            StringBuilder counts = new StringBuilder();
            for (Verdict v : Verdict.values()) {
                counts.append(counts.isEmpty() ? "" : " ").append(v.label().replace(' ', '_')).append('=').append(verdicts(v));
            }
            return String.format(Locale.ROOT, "%s (%d refusing, %d timing out after %d ms) cpu=%.1f%% of %d cores"
                            + " servers_cpu=%.1f%% lateness_p50=%.2fms lateness_p99=%.2fms lateness_max=%.2fms"
                            + " probes=%d (expected ~%.0f) cpu_per_probe=%.0fus verdicts: %s unexpected=%d%s",
                    name, refusing, timingOut, connectTimeout.toMillis(), cpuPercent, GOAL_CORES, serversCpuPercent,
                    latenessP50Ms, latenessP99Ms, latenessMaxMs, probes, expectedProbes, cpuMicrosPerProbe, counts,
                    unexpected, otherReasons.isEmpty() ? "" : " other: " + otherReasons);
        }
    }

    private HealthFanout() {}

    /**
     * Starts the farm and the monitor, lets it run for {@code warmup}, then measures {@code rounds}
     * windows of {@code duration} one after the other on the same monitor: one {@link Measurement}
     * per window.
     */
    static List<Measurement> run(int servers, int refusing, int timingOut, Duration interval, Duration connectTimeout,
            Duration duration, Duration warmup, int rounds, Consumer<String> log) throws Exception {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, not " + rounds);
        }
        if (refusing < 0 || timingOut < 0 || refusing + timingOut > servers) {
            throw new IllegalArgumentException("refusing (" + refusing + ") and timing out (" + timingOut
                    + ") servers must be non-negative and at most the " + servers + " servers");
        }
        int serving = servers - refusing - timingOut;
        log.accept("opening " + serving + " serving loopback listeners, " + timingOut + " with a full accept queue, "
                + refusing + " refusing addresses");
        try (ServerFarm farm = ServerFarm.start(serving, timingOut, log)) {
            List<InetSocketAddress> targets = new ArrayList<>(farm.serving());
            targets.addAll(RefusingAddresses.pick(refusing));
            targets.addAll(farm.stalled());
            // Mixed across services, as servers that are down would be.
            Collections.shuffle(targets, new Random(18));
            TcpConnectCheck check = new TcpConnectCheck(ConnectOptions.of(connectTimeout));
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

            int capacity = Math.max(1024, (int) (servers * (duration.toMillis() / (double) interval.toMillis()) * 2));
            AtomicReference<Window> window = new AtomicReference<>(new Window(capacity));
            HealthMonitor monitor = HealthMonitor.builder(Actuator.none()).watch(services)
                    .probeObserver((target, c, scheduled, started, result) ->
                            window.get().record(target, Duration.between(scheduled, started).toNanos(), result))
                    .build();
            try (monitor) {
                monitor.start();
                log.accept("monitoring " + servers + " servers every " + interval.toMillis() + " ms; warming up "
                        + warmup.toSeconds() + " s");
                Thread.sleep(warmup);
                List<Measurement> out = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    if (round > 0) {
                        window.set(new Window(capacity));
                    }
                    log.accept("round " + (round + 1) + " of " + rounds + ": measuring for " + duration.toSeconds() + " s");
                    Measurement m = measure(window.get(), farm, servers, refusing, timingOut, interval, connectTimeout, duration);
                    log.accept(m.line("round " + (round + 1)));
                    out.add(m);
                }
                return out;
            }
        }
    }

    /** One window of {@code duration}: this JVM's and the farm's CPU, lateness and verdicts within it. */
    private static Measurement measure(Window window, ServerFarm farm, int servers, int refusing, int timingOut,
            Duration interval, Duration connectTimeout, Duration duration) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        window.open();
        long cpu0 = os.getProcessCpuTime();
        long farm0 = farm.cpuNanos();
        long wall0 = System.nanoTime();
        Thread.sleep(duration);
        long wall = System.nanoTime() - wall0;
        long cpu = os.getProcessCpuTime() - cpu0;
        long farmCpu = farm.cpuNanos() - farm0;
        window.close();
        farm.checkServing();
        double cpuPct = 100.0 * cpu / ((double) wall * GOAL_CORES);
        double serversPct = 100.0 * farmCpu / ((double) wall * GOAL_CORES);
        long[] late = window.lateness();
        Arrays.sort(late);
        double expectedProbes = servers * (wall / (double) interval.toNanos());
        return new Measurement(servers, refusing, timingOut, connectTimeout, wall / 1e9, cpuPct, serversPct,
                ms(percentile(late, 0.50)), ms(percentile(late, 0.99)),
                ms(late.length == 0 ? 0 : late[late.length - 1]), late.length, window.verdicts(),
                window.unexpected(), expectedProbes, late.length == 0 ? 0 : cpu / 1e3 / late.length,
                window.otherReasons());
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

    /**
     * What a server was set up to be, from its address: 127.1/16 serving, 127.2/16 stalled, 127.3/16
     * refusing. Read from the address, not looked up: the observer runs on the probing threads, whose
     * CPU is what is measured.
     */
    static Verdict expected(InetSocketAddress target) {
        byte[] a = target.getAddress().getAddress();
        return a.length != 4 || a[0] != 127 ? Verdict.OTHER : switch (a[1]) {
            case LoopbackListeners.SECOND_OCTET -> Verdict.UP;
            case StalledListeners.SECOND_OCTET -> Verdict.TIMED_OUT;
            case RefusingAddresses.SECOND_OCTET -> Verdict.REFUSED;
            default -> Verdict.OTHER;
        };
    }

    /** Probe lateness and verdicts recorded only while the measurement window is open; lock-free, bounded. */
    private static final class Window {
        private final long[] lateness;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicLongArray verdicts = new AtomicLongArray(Verdict.values().length);
        private final AtomicLong unexpected = new AtomicLong();
        private final ConcurrentHashMap<String, AtomicLong> otherReasons = new ConcurrentHashMap<>();
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

        void record(InetSocketAddress target, long latenessNanos, ProbeResult result) {
            if (!open) {
                return;
            }
            int i = next.getAndIncrement();
            if (i < lateness.length) {
                lateness[i] = latenessNanos;
            }
            Verdict v = Verdict.of(result);
            verdicts.incrementAndGet(v.ordinal());
            if (v != expected(target)) {
                unexpected.incrementAndGet();
            }
            if (v == Verdict.OTHER) {
                otherReasons.computeIfAbsent(result.reason(), r -> new AtomicLong()).incrementAndGet();
            }
        }

        long[] lateness() {
            return Arrays.copyOf(lateness, Math.min(next.get(), lateness.length));
        }

        long[] verdicts() {
            long[] out = new long[verdicts.length()];
            for (int i = 0; i < out.length; i++) {
                out[i] = verdicts.get(i);
            }
            return out;
        }

        long unexpected() {
            return unexpected.get();
        }

        String otherReasons() {
            return otherReasons.isEmpty() ? "" : otherReasons.toString();
        }
    }
}
