package io.jlvs.health;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A check whose answers the test sets per target, counting every probe. Two ScriptedChecks are equal
 * when they share a {@link Script} and a name, as two equal real checks would be.
 */
public record ScriptedCheck(String name, Script script) implements HealthCheck {

    public static ScriptedCheck of(Script script) {
        return new ScriptedCheck("scripted", script);
    }

    @Override
    public ProbeResult probe(InetSocketAddress target) throws InterruptedException {
        return script.answer(target);
    }

    @Override
    public Duration timeout() {
        return Duration.ofSeconds(1);
    }

    @Override
    public String type() {
        return "scripted";
    }

    /** The answers, per target: up unless told otherwise; counts probes per target. */
    public static final class Script {
        private final Map<InetSocketAddress, ProbeResult> answers = new ConcurrentHashMap<>();
        private final Map<InetSocketAddress, AtomicInteger> probes = new ConcurrentHashMap<>();
        private volatile ProbeResult fallback = ProbeResult.up("ok", Duration.ofMillis(2));

        public void set(InetSocketAddress target, ProbeResult result) {
            answers.put(target, result);
        }

        public void up(InetSocketAddress target) {
            set(target, ProbeResult.up("ok", Duration.ofMillis(2)));
        }

        public void down(InetSocketAddress target) {
            set(target, ProbeResult.down("connection refused", Duration.ofMillis(3)));
        }

        public void weight(InetSocketAddress target, int weight) {
            set(target, ProbeResult.upWithWeight("exit 0, weight " + weight, Duration.ofMillis(4), weight));
        }

        public void allDown() {
            fallback = ProbeResult.down("connection refused", Duration.ofMillis(3));
            answers.clear();
        }

        public ProbeResult answer(InetSocketAddress target) {
            probes.computeIfAbsent(target, t -> new AtomicInteger()).incrementAndGet();
            return answers.getOrDefault(target, fallback);
        }

        public int probes(InetSocketAddress target) {
            AtomicInteger n = probes.get(target);
            return n == null ? 0 : n.get();
        }

        public int totalProbes() {
            return probes.values().stream().mapToInt(AtomicInteger::get).sum();
        }

        public List<InetSocketAddress> probed() {
            return List.copyOf(probes.keySet());
        }
    }
}
