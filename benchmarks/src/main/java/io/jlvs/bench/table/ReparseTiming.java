package io.jlvs.bench.table;

import io.jlvs.config.Configuration;
import io.jlvs.config.LvsCf;
import io.jlvs.config.LvsCfParser;
import io.jlvs.config.VirtualServerConfig;
import java.util.List;
import java.util.Locale;

/**
 * How long a reload's parse of a 10,000 x 5 lvs.cf takes: a fresh {@link LvsCf#parse} against an
 * {@link LvsCfParser} that parsed the file before the operator changed one weight. Not a JMH
 * benchmark: a parse is milliseconds to hundreds of them, and what matters is the ratio. Each
 * figure is the median of {@code rounds} parses after as many warm-up parses.
 *
 * <p>{@code java -cp benchmarks.jar io.jlvs.bench.table.ReparseTiming [services] [rounds]}
 */
public final class ReparseTiming {
    private ReparseTiming() {}

    public static void main(String[] args) throws Exception {
        int services = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        ScaleTable table = new ScaleTable(services, 5);
        String before = table.lvsCf(1);
        String after = table.lvsCf(2); // one weight, in the first virtual block
        System.out.printf(Locale.ROOT, "lvs.cf: %d services x 5, %d chars, %d lines%n", services, before.length(),
                before.lines().count());

        long[] fresh = new long[rounds];
        long[] again = new long[rounds];
        for (int warm = 0; warm < 2; warm++) {
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                LvsCf.parse("lvs.cf", r % 2 == 0 ? before : after);
                fresh[r] = System.nanoTime() - t0;

                LvsCfParser parser = new LvsCfParser();
                Configuration first = parser.parse("lvs.cf", before).configuration();
                long t1 = System.nanoTime();
                Configuration second = parser.parse("lvs.cf", after).configuration();
                again[r] = System.nanoTime() - t1;
                check(first, second, services);
            }
        }
        System.out.printf(Locale.ROOT, "fresh parse (LvsCf.parse):            median %8.1f ms%n", median(fresh));
        System.out.printf(Locale.ROOT, "re-parse after one weight (LvsCfParser): median %8.1f ms%n", median(again));
        System.out.printf(Locale.ROOT, "ratio: %.1fx%n", median(fresh) / median(again));
    }

    /** The re-parse must have read the edited block and kept every other one. */
    private static void check(Configuration first, Configuration second, int services) {
        List<VirtualServerConfig> a = first.virtualServers();
        List<VirtualServerConfig> b = second.virtualServers();
        if (b.get(0).realServers().get(0).weight() != 2 || a.get(0) == b.get(0)) {
            throw new AssertionError("the edited block was not read again");
        }
        for (int i = 1; i < services; i++) {
            if (a.get(i) != b.get(i)) {
                throw new AssertionError("virtual " + i + " was read again");
            }
        }
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }
}
