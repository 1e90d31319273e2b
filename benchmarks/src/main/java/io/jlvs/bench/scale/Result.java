package io.jlvs.bench.scale;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One number a scale run measured, with the peer it is compared with (measured in the same run, on the
 * same machine: under emulation only such ratios mean anything) and the goal it is judged by. A timed
 * figure keeps every round ({@link Rounds}), its value being their median, and so may its peer.
 *
 * <pre>{@code
 * Result.ofRounds("bulk-load", "apply 10000x5", Rounds.of(1.9, 2.1, 1.8), "s")
 *       .againstRounds("ipvsadm -R", Rounds.of(14.2, 13.9, 15.0))
 *       .goal(Goal.ratioAtMost(0.2, "jLVS at least 5x faster"));
 * }</pre>
 *
 * @param run   the scale run's name ({@link ScaleRun#name()})
 * @param name  what was measured, unique within the run
 * @param value the measurement, in {@code unit}
 * @param unit  e.g. "s", "ms", "ns/op", "round trips", "%"
 * @param peer  what jLVS is compared with, if anything
 * @param goal  what the value or ratio should reach, if anything
 * @param rounds every round's measurement when the value is their median, else empty (a single value,
 *               e.g. a count that does not vary)
 */
public record Result(String run, String name, double value, String unit, Optional<Peer> peer, Optional<Goal> goal,
                     Optional<Rounds> rounds) {

    /** The peer's measurement of the same thing, in the same unit; with its rounds when it is their median. */
    public record Peer(String name, double value, Optional<Rounds> rounds) {
        public Peer {
            Objects.requireNonNull(name, "peer name");
            Objects.requireNonNull(rounds, "peer rounds");
            requireFinite("peer " + name, value);
        }

        public Peer(String name, double value) {
            this(name, value, Optional.empty());
        }
    }

    /** A result of a single value (no rounds). */
    public Result(String run, String name, double value, String unit, Optional<Peer> peer, Optional<Goal> goal) {
        this(run, name, value, unit, peer, goal, Optional.empty());
    }

    public Result {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(goal, "goal");
        Objects.requireNonNull(rounds, "rounds");
        requireFinite(run + "/" + name, value);
        if (goal.isPresent() && goal.get().measure() == Goal.Measure.RATIO && peer.isEmpty()) {
            throw new IllegalArgumentException(run + "/" + name + ": a ratio goal needs a peer to divide by");
        }
    }

    public static Result of(String run, String name, double value, String unit) {
        return new Result(run, name, value, unit, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A figure measured in several rounds: its value is their median, and all are kept. */
    public static Result ofRounds(String run, String name, Rounds rounds, String unit) {
        return new Result(run, name, rounds.median(), unit, Optional.empty(), Optional.empty(), Optional.of(rounds));
    }

    public Result against(String peerName, double peerValue) {
        return new Result(run, name, value, unit, Optional.of(new Peer(peerName, peerValue)), goal, rounds);
    }

    /** The peer measured in rounds too (alternating with this side's): its value is their median. */
    public Result againstRounds(String peerName, Rounds peerRounds) {
        return new Result(run, name, value, unit,
                Optional.of(new Peer(peerName, peerRounds.median(), Optional.of(peerRounds))), goal, rounds);
    }

    public Result goal(Goal g) {
        return new Result(run, name, value, unit, peer, Optional.of(g), rounds);
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

    /**
     * One line for a terminal or a log: run, name, value, peer, ratio, goal and verdict; a figure with
     * rounds shows their min, median and max, e.g. {@code 1.9 s (min 1.8, median 1.9, max 2.1 of 3)}.
     */
    public String line() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-14s %-34s %12s %-12s",
                run, name, number(value), unit));
        rounds.ifPresent(r -> s.append(" (").append(r.summary()).append(')'));
        peer.ifPresent(p -> {
            s.append(String.format(Locale.ROOT, " | %s %s %s", p.name(), number(p.value()), unit));
            p.rounds().ifPresent(r -> s.append(" (").append(r.summary()).append(')'));
        });
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
