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
 * benchmark: a parse is milliseconds to hundreds of them, and what matters is the ratio. The medians
 * are of {@code rounds} parses after as many warm-up parses; the cold figure is a director's first
 * reload, before anything is compiled.
 *
 * <p>{@code java -cp benchmarks.jar io.jlvs.bench.table.ReparseTiming [services] [rounds]}
 */
public final class ReparseTiming {
    private ReparseTiming() {}

    public static void main(String[] args) throws Exception {
        int services = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 21;
        ScaleTable table = new ScaleTable(services, 5);
        String before = table.lvsCf(1);
        String after = table.lvsCf(2); // one weight, in the first virtual block
        System.out.printf(Locale.ROOT, "lvs.cf: %d services x 5, %d chars, %d lines%n", services, before.length(),
                before.lines().count());

        // The first reload of a director: one parse at start, then the edited file, nothing warm.
        LvsCfParser parser = new LvsCfParser();
        long start = System.nanoTime();
        Configuration first = parser.parse("lvs.cf", before).configuration();
        double firstParse = (System.nanoTime() - start) / 1e6;
        long t0 = System.nanoTime();
        Configuration second = parser.parse("lvs.cf", after).configuration();
        double firstReload = (System.nanoTime() - t0) / 1e6;
        check(first, second, services);

        long[] fresh = new long[rounds];
        long[] again = new long[rounds];
        for (int warm = 0; warm < 2; warm++) {
            for (int r = 0; r < rounds; r++) {
                long t1 = System.nanoTime();
                LvsCf.parse("lvs.cf", r % 2 == 0 ? before : after);
                fresh[r] = System.nanoTime() - t1;
            }
            for (int r = 0; r < rounds; r++) {
                // Each re-parse reads the first block again: the weight goes 1, 2, 1, ...
                Configuration previous = second;
                long t2 = System.nanoTime();
                second = parser.parse("lvs.cf", previous.virtualServers().get(0).realServers().get(0).weight() == 2
                        ? before : after).configuration();
                again[r] = System.nanoTime() - t2;
                check(previous, second, services);
            }
        }
        System.out.printf(Locale.ROOT, "fresh parse (LvsCf.parse):                 median %7.1f ms, best %7.1f ms%n",
                median(fresh), best(fresh));
        System.out.printf(Locale.ROOT, "re-parse after one weight (LvsCfParser):   median %7.1f ms, best %7.1f ms (%.0fx cheaper)%n",
                median(again), best(again), median(fresh) / median(again));
        System.out.printf(Locale.ROOT, "first parse in the JVM, nothing warm:             %7.1f ms%n", firstParse);
        System.out.printf(Locale.ROOT, "first re-parse after one weight, just after it:   %7.1f ms%n", firstReload);
    }

    /** The re-parse must have read the edited block and kept every other one. */
    private static void check(Configuration first, Configuration second, int services) {
        List<VirtualServerConfig> a = first.virtualServers();
        List<VirtualServerConfig> b = second.virtualServers();
        if (b.get(0).realServers().get(0).weight() == a.get(0).realServers().get(0).weight() || a.get(0) == b.get(0)) {
            throw new AssertionError("the edited block was not read again");
        }
        for (int i = 1; i < services; i++) {
            if (a.get(i) != b.get(i)) {
                throw new AssertionError("virtual " + i + " was read again");
            }
        }
    }

    private static double best(long[] nanos) {
        return java.util.Arrays.stream(nanos).min().orElseThrow() / 1e6;
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }
}
