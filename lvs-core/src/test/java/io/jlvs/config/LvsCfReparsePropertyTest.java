package io.jlvs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * A parser that remembers its last parse, given a file and then that file edited the ways an
 * operator edits it (and breaks it), says exactly what a fresh {@link LvsCf#parse} says: the same
 * configuration, the same warnings in the same order, the same errors.
 */
class LvsCfReparsePropertyTest {

    /** lvs.cf as lines, and whether the last one ends with a newline. */
    record Text(List<String> lines, boolean finalNewline) {
        String text() {
            return String.join("\n", lines) + (finalNewline && !lines.isEmpty() ? "\n" : "");
        }
    }

    enum Kind {
        WEIGHT, SCHEDULER, INSERT_LINE, DELETE_LINE, DELETE_VIRTUAL, COPY_VIRTUAL, RENAME, SWAP_VIRTUALS,
        NETWORK, NAT_ROUTER, SERIAL, INVALID_VALUE, FINAL_NEWLINE, APPEND
    }

    record Edit(Kind kind, int a, int b) {}

    /** What a parse says: a configuration and warnings, or errors and warnings. */
    record Outcome(Configuration configuration, List<Diagnostic> warnings, List<Diagnostic> errors) {
        static Outcome of(ParseCall call) {
            try {
                ParsedConfiguration p = call.parse();
                return new Outcome(p.configuration(), p.warnings(), List.of());
            } catch (ConfigException e) {
                return new Outcome(null, e.warnings(), e.errors());
            }
        }
    }

    interface ParseCall {
        ParsedConfiguration parse() throws ConfigException;
    }

    @Property(tries = 400)
    void reparsingEditedTextSaysWhatAFreshParseSays(@ForAll("files") Text base, @ForAll("edits") List<Edit> first,
            @ForAll("edits") List<Edit> second) {
        LvsCfParser parser = new LvsCfParser();
        Outcome original = sameAsFresh(parser, base.text());
        assertEquals(List.of(), original.errors(), base.text());

        Text once = apply(base, first);
        Outcome edited = sameAsFresh(parser, once.text());
        Statistics.label("first edit").collect(edited.errors().isEmpty() ? "valid" : "invalid");
        Statistics.label("blocks reused").collect(reused(original, edited) > 0);
        // Without reuse the comparison would hold trivially.
        Statistics.label("blocks reused").coverage(c -> c.check(true).percentage(p -> p > 15));

        Text twice = apply(once, second);
        sameAsFresh(parser, twice.text());
        Outcome back = sameAsFresh(parser, base.text());
        assertEquals(original, back);
    }

    private static Outcome sameAsFresh(LvsCfParser parser, String text) {
        Outcome fresh = Outcome.of(() -> LvsCf.parse("lvs.cf", text));
        Outcome again = Outcome.of(() -> parser.parse("lvs.cf", text));
        assertEquals(fresh, again, text);
        return again;
    }

    private static long reused(Outcome before, Outcome after) {
        if (after.configuration() == null) {
            return 0;
        }
        return after.configuration().virtualServers().stream()
                .filter(v -> before.configuration().virtualServers().stream().anyMatch(w -> w == v)).count();
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 999),
                Arbitraries.integers().between(0, 999)).as(Edit::new).list().ofMinSize(1).ofMaxSize(3);
    }

    @Provide
    Arbitrary<Text> files() {
        return Arbitraries.longs().map(seed -> file(new Random(seed)));
    }

    /** A valid file: globals, then 1..6 virtual blocks with optional keys that warn, sometimes a global at the end. */
    static Text file(Random r) {
        List<String> lines = new ArrayList<>();
        String network = List.of("direct", "tunnel", "nat").get(r.nextInt(3));
        lines.add("serial_no = " + r.nextInt(100));
        lines.add("network = " + network);
        if (network.equals("nat")) {
            lines.add("nat_router = 10.255.0.1 eth1:1");
        }
        if (r.nextBoolean()) {
            lines.add("");
            lines.add("# services");
        }
        int virtuals = 1 + r.nextInt(6);
        for (int i = 0; i < virtuals; i++) {
            boolean v6 = r.nextInt(4) == 0;
            String brace = r.nextInt(5) == 0 ? "" : " {";
            lines.add("virtual v" + i + brace);
            if (brace.isEmpty()) {
                lines.add("{");
            }
            lines.add("    address = " + (v6 ? "2001:db8::" + (i + 1) : "10.0.0." + (i + 1)) + " eth0:1");
            lines.add("    port = " + (80 + i));
            if (r.nextInt(4) == 0) {
                lines.add("    fwmark = " + (100 + i));
            }
            lines.add("    protocol = " + (r.nextBoolean() ? "tcp" : "udp"));
            lines.add("    scheduler = " + List.of("wlc", "rr", "sh").get(r.nextInt(3)));
            if (r.nextInt(3) == 0) {
                lines.add("    persistent = 300");
            }
            if (r.nextInt(3) == 0) {
                lines.add("    pmask = " + (v6 ? "64" : "255.255.255.0")); // warns without persistent
            }
            if (r.nextInt(3) == 0) {
                lines.add("    colour = red # an unknown key warns");
            }
            if (r.nextInt(4) == 0) {
                lines.add("    load_monitor = uptime");
            }
            if (r.nextInt(4) == 0) {
                lines.add("    scheduler = rr"); // set twice: a warning
            }
            boolean tunnel = network.equals("tunnel");
            if (r.nextInt(4) == 0) {
                String forward = List.of("direct", "tunnel").get(r.nextInt(2));
                lines.add("    forward = " + forward);
                tunnel = forward.equals("tunnel");
            }
            switch (r.nextInt(3)) {
                case 0 -> {
                    lines.add("    check_type = http");
                    lines.add("    check_path = /health");
                }
                case 1 -> {
                    lines.add("    send = \"GET / HTTP/1.0\\r\\n\\r\\n\"");
                    lines.add("    expect = \"HTTP\"");
                }
                default -> { }
            }
            int servers = r.nextInt(4);
            for (int j = 0; j < servers; j++) {
                // Another family only where tunnelled, so a change of network can break it.
                boolean serverV6 = tunnel && r.nextInt(3) == 0 ? !v6 : v6;
                lines.add("    server r" + j + " {");
                lines.add("        address = " + (serverV6 ? "2001:db8:1::" + (i * 10 + j + 1) : "10.1." + i + "." + (j + 1)));
                lines.add("        weight = " + r.nextInt(10));
                if (r.nextInt(4) == 0) {
                    lines.add("        port = 8080");
                }
                lines.add("    }");
            }
            lines.add("}");
            if (r.nextInt(3) == 0) {
                lines.add("");
            }
        }
        if (r.nextInt(4) == 0) {
            lines.add("primary = 192.0.2.1"); // global keys may follow the blocks
        }
        return new Text(lines, r.nextInt(5) != 0);
    }

    static Text apply(Text text, List<Edit> edits) {
        for (Edit e : edits) {
            text = apply(text, e);
        }
        return text;
    }

    private static final List<String> INSERTS = List.of("", "# note", "    colour = green", "    weight = 9",
            "    port = 81", "}", "virtual x {", "    server s {", "    address = 10.9.9.9", "    load_monitor = rup",
            "    pmask = 24", "network = tunnel", "    check_type = bogus", "serial_no = 7", "    forward = nat");

    static Text apply(Text text, Edit e) {
        List<String> lines = new ArrayList<>(text.lines());
        int n = lines.size();
        switch (e.kind()) {
            case WEIGHT -> replaceNth(lines, "weight =", e.a(), "weight = " + List.of("0", "3", "100", "-1", "70000").get(e.b() % 5));
            case SCHEDULER -> replaceNth(lines, "scheduler =", e.a(),
                    "scheduler = " + List.of("rr", "wlc", "sh", "mh", "round robin").get(e.b() % 5));
            case INSERT_LINE -> lines.add(e.a() % (n + 1), INSERTS.get(e.b() % INSERTS.size()));
            case DELETE_LINE -> {
                if (n > 0) {
                    lines.remove(e.a() % n);
                }
            }
            case DELETE_VIRTUAL -> {
                int[] block = virtualBlock(lines, e.a());
                if (block != null) {
                    lines.subList(block[0], block[1]).clear();
                }
            }
            case COPY_VIRTUAL -> {
                int[] block = virtualBlock(lines, e.a());
                if (block != null) {
                    List<String> copy = new ArrayList<>(lines.subList(block[0], block[1]));
                    if (e.b() % 2 == 0) {
                        copy.set(0, copy.get(0).replaceFirst("virtual \\S+", "virtual copy" + e.b()));
                    }
                    lines.addAll(e.b() % 3 == 0 ? block[0] : lines.size(), copy);
                }
            }
            case RENAME -> replaceNth(lines, "virtual ", e.a(), "virtual v" + e.b() % 8 + " {");
            case SWAP_VIRTUALS -> {
                int[] x = virtualBlock(lines, e.a());
                int[] y = virtualBlock(lines, e.b());
                if (x != null && y != null && x[1] <= y[0]) {
                    List<String> out = new ArrayList<>(lines.subList(0, x[0]));
                    out.addAll(lines.subList(y[0], y[1]));
                    out.addAll(lines.subList(x[1], y[0]));
                    out.addAll(lines.subList(x[0], x[1]));
                    out.addAll(lines.subList(y[1], n));
                    lines = out;
                }
            }
            case NETWORK -> {
                String line = "network = " + List.of("nat", "direct", "tunnel").get(e.b() % 3);
                if (!replaceNth(lines, "network =", 0, line)) {
                    lines.add(0, line);
                }
            }
            case NAT_ROUTER -> {
                if (!lines.removeIf(l -> l.startsWith("nat_router"))) {
                    lines.add(e.a() % (n + 1), "nat_router = 10.255.0.2 eth1:1");
                }
            }
            case SERIAL -> replaceNth(lines, "serial_no =", 0, "serial_no = " + e.b());
            case INVALID_VALUE -> replaceNth(lines, e.b() % 2 == 0 ? "port =" : "address =", e.a(),
                    e.b() % 2 == 0 ? "port = 99999" : "address = 10.0.0.300");
            case FINAL_NEWLINE -> {
                return new Text(lines, !text.finalNewline());
            }
            case APPEND -> {
                if (n > 0) {
                    lines.set(e.a() % n, lines.get(e.a() % n) + List.of("\r", " # note", " x", " {").get(e.b() % 4));
                }
            }
        }
        return new Text(lines, text.finalNewline());
    }

    /** Replaces, keeping its indentation, the ({@code nth} modulo their number) line whose text starts with {@code prefix}. */
    private static boolean replaceNth(List<String> lines, String prefix, int nth, String replacement) {
        List<Integer> matches = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith(prefix)) {
                matches.add(i);
            }
        }
        if (matches.isEmpty()) {
            return false;
        }
        int at = matches.get(nth % matches.size());
        String line = lines.get(at);
        lines.set(at, line.substring(0, line.length() - line.stripLeading().length()) + replacement);
        return true;
    }

    /** [first, end) of the ({@code nth} modulo their number) virtual block, by counting braces; null when none closes. */
    private static int[] virtualBlock(List<String> lines, int nth) {
        List<Integer> headers = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("virtual ")) {
                headers.add(i);
            }
        }
        if (headers.isEmpty()) {
            return null;
        }
        int first = headers.get(nth % headers.size());
        int depth = 0;
        for (int i = first; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.endsWith("{")) {
                depth++;
            } else if (l.equals("}")) {
                depth--;
                if (depth == 0) {
                    return new int[] {first, i + 1};
                }
            }
        }
        return null;
    }
}
