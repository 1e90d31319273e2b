package io.jlvs.bench.scale;

import java.util.Locale;
import java.util.Objects;

/**
 * What a result should reach: a bound on its value, or on its ratio to the peer measured in the same
 * run ({@link Result#ratio()}, jLVS divided by the peer). The text says it in the reader's words, e.g.
 * "jLVS at least 5x faster than ipvsadm -R" for a time ratio of at most 0.2.
 *
 * @param measure    what is bounded
 * @param comparison which side of {@code bound} passes (the bound itself passes)
 * @param bound      the limit
 * @param text       the goal as the issue or README states it
 */
public record Goal(Measure measure, Comparison comparison, double bound, String text) {
    public enum Measure { VALUE, RATIO }

    public enum Comparison { AT_MOST, AT_LEAST }

    public Goal {
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(text, "text");
        if (!Double.isFinite(bound)) {
            throw new IllegalArgumentException("goal bound must be a finite number, not " + bound);
        }
    }

    public static Goal ratioAtMost(double bound, String text) {
        return new Goal(Measure.RATIO, Comparison.AT_MOST, bound, text);
    }

    public static Goal ratioAtLeast(double bound, String text) {
        return new Goal(Measure.RATIO, Comparison.AT_LEAST, bound, text);
    }

    public static Goal valueAtMost(double bound, String text) {
        return new Goal(Measure.VALUE, Comparison.AT_MOST, bound, text);
    }

    public static Goal valueAtLeast(double bound, String text) {
        return new Goal(Measure.VALUE, Comparison.AT_LEAST, bound, text);
    }

    /** Whether {@code measured} (the value or the ratio, as {@link #measure} says) meets the goal. */
    public boolean isMetBy(double measured) {
        return switch (comparison) {
            case AT_MOST -> measured <= bound;
            case AT_LEAST -> measured >= bound;
        };
    }

    /** The bound in short form, e.g. "ratio <= 0.2". */
    public String condition() {
        return String.format(Locale.ROOT, "%s %s %s", measure.name().toLowerCase(Locale.ROOT),
                comparison == Comparison.AT_MOST ? "<=" : ">=", Result.number(bound));
    }
}
