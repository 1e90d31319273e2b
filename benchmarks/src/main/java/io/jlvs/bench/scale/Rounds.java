package io.jlvs.bench.scale;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Every round's measurement of one figure, in the order they were taken: a {@link Result}'s value is
 * their median, and min and max say how much the (often shared, emulated) machine moved it.
 *
 * @param values one per round, at least one, all finite
 */
public record Rounds(List<Double> values) {
    /** A full (not short) scale run measures each timed figure at least this many times. */
    public static final int MINIMUM = 3;

    public Rounds {
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("rounds need at least one measurement");
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("a round's measurement must be finite, not " + v);
            }
        }
    }

    public static Rounds of(double... values) {
        return new Rounds(Arrays.stream(values).boxed().toList());
    }

    public int count() {
        return values.size();
    }

    public double min() {
        return sorted()[0];
    }

    public double max() {
        double[] s = sorted();
        return s[s.length - 1];
    }

    /** The middle value; for an even count, the mean of the two middle ones. */
    public double median() {
        double[] s = sorted();
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** "min 1.2, median 1.5, max 2.0 of 3" (as printed in a result's line). */
    public String summary() {
        return String.format(Locale.ROOT, "min %s, median %s, max %s of %d",
                Result.number(min()), Result.number(median()), Result.number(max()), count());
    }

    private double[] sorted() {
        double[] s = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(s);
        return s;
    }
}
