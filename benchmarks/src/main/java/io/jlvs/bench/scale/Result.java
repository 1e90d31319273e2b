package io.jlvs.bench.scale;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One number a scale run measured, with the peer it is compared with (measured in the same run, on the
 * same machine: under emulation only such ratios mean anything) and the goal it is judged by.
 *
 * <pre>{@code
 * Result.of("bulk-load", "apply 10000x5", 1.9, "s")
 *       .against("ipvsadm -R", 14.2)
 *       .goal(Goal.ratioAtMost(0.2, "jLVS at least 5x faster"));
 * }</pre>
 *
 * @param run   the scale run's name ({@link ScaleRun#name()})
 * @param name  what was measured, unique within the run
 * @param value the measurement, in {@code unit}
 * @param unit  e.g. "s", "ms", "ns/op", "round trips", "%"
 * @param peer  what jLVS is compared with, if anything
 * @param goal  what the value or ratio should reach, if anything
 */
public record Result(String run, String name, double value, String unit, Optional<Peer> peer, Optional<Goal> goal) {

    /** The peer's measurement of the same thing, in the same unit. */
    public record Peer(String name, double value) {
        public Peer {
            Objects.requireNonNull(name, "peer name");
            requireFinite("peer " + name, value);
        }
    }

    public Result {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(goal, "goal");
        requireFinite(run + "/" + name, value);
        if (goal.isPresent() && goal.get().measure() == Goal.Measure.RATIO && peer.isEmpty()) {
            throw new IllegalArgumentException(run + "/" + name + ": a ratio goal needs a peer to divide by");
        }
    }

    public static Result of(String run, String name, double value, String unit) {
        return new Result(run, name, value, unit, Optional.empty(), Optional.empty());
    }

    public Result against(String peerName, double peerValue) {
        return new Result(run, name, value, unit, Optional.of(new Peer(peerName, peerValue)), goal);
    }

    public Result goal(Goal g) {
        return new Result(run, name, value, unit, peer, Optional.of(g));
    }

    /** This value divided by the peer's (empty without a peer, or when the peer measured zero). */
    public Optional<Double> ratio() {
        return peer.filter(p -> p.value() != 0).map(p -> value / p.value());
    }

    /** Whether the goal is met; empty without a goal (or when a ratio goal has a zero peer). */
    public Optional<Boolean> pass() {
        return goal.flatMap(g -> switch (g.measure()) {
            case VALUE -> Optional.of(g.isMetBy(value));
            case RATIO -> ratio().map(g::isMetBy);
        });
    }

    /** One line for a terminal or a log: run, name, value, peer, ratio, goal and verdict. */
    public String line() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-14s %-34s %12s %-12s",
                run, name, number(value), unit));
        peer.ifPresent(p -> s.append(String.format(Locale.ROOT, " | %s %s %s", p.name(), number(p.value()), unit)));
        ratio().ifPresent(r -> s.append(" | ratio ").append(number(r)));
        goal.ifPresent(g -> s.append(" | goal ").append(g.condition()).append(" (").append(g.text()).append(')'));
        pass().ifPresent(p -> s.append(p ? " PASS" : " MISS"));
        return s.toString();
    }

    /** A number with four significant digits (whole numbers from 1000 up), never in exponent form. */
    static String number(double v) {
        if ((v == Math.rint(v) || Math.abs(v) >= 1000) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%d", Math.round(v));
        }
        if (Math.abs(v) < 1e-4) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).toPlainString();
    }

    private static void requireFinite(String what, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + ": measured value must be finite, not " + v);
        }
    }
}
