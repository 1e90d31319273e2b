package io.jlvs.health;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

/**
 * Several checks of one real server that must all pass, as keepalived runs several checkers in one
 * {@code real_server}: probed one after another, the first failure is the verdict (naming which check
 * failed), and a weight asked for by more than one check is the smallest of them.
 *
 * @param checks two or more checks, in order; unmodifiable
 */
public record AllChecks(List<HealthCheck> checks) implements HealthCheck {
    public AllChecks {
        checks = List.copyOf(Objects.requireNonNull(checks, "checks"));
        if (checks.size() < 2) {
            throw new IllegalArgumentException("AllChecks needs two or more checks, got " + checks.size());
        }
    }

    /** {@code checks} as one check: itself when there is one. */
    public static HealthCheck of(List<HealthCheck> checks) {
        return checks.size() == 1 ? checks.get(0) : new AllChecks(checks);
    }

    /** This with each check replaced by {@code f} of it (run a program check as another user, say). */
    public AllChecks map(UnaryOperator<HealthCheck> f) {
        return new AllChecks(checks.stream().map(f).toList());
    }

    @Override
    public ProbeResult probe(InetSocketAddress target) throws InterruptedException {
        Duration total = Duration.ZERO;
        OptionalInt weight = OptionalInt.empty();
        StringBuilder notes = new StringBuilder();
        for (int i = 0; i < checks.size(); i++) {
            HealthCheck check = checks.get(i);
            ProbeResult r = check.probe(target);
            total = total.plus(r.latency());
            if (!r.up()) {
                return ProbeResult.down("check " + (i + 1) + " (" + check.type() + "): " + r.reason(), total);
            }
            if (r.weight().isPresent()) {
                weight = OptionalInt.of(weight.isPresent() ? Math.min(weight.getAsInt(), r.weight().getAsInt())
                        : r.weight().getAsInt());
            }
            notes.append(i == 0 ? "" : "; ").append(r.reason());
        }
        return new ProbeResult(true, notes.toString(), total, weight);
    }

    /** The checks run one after another, so one probe may take all their timeouts. */
    @Override
    public Duration timeout() {
        return checks.stream().map(HealthCheck::timeout).reduce(Duration.ZERO, Duration::plus);
    }

    @Override
    public String type() {
        return String.join("+", checks.stream().map(HealthCheck::type).toList());
    }
}
