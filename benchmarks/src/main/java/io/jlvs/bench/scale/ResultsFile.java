package io.jlvs.bench.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The machine-readable record of one invocation: where and when it ran (commit, kernel, JDK, CPUs), each
 * run's outcome, and every result with its peer, ratio, goal and verdict, so that a later commit's file
 * can be compared with this one. Written as JSON with a stable layout ({@code "format": 1}).
 *
 * <p>A result measured in rounds also has {@code rounds} (every round's value, in order), {@code min}
 * and {@code max} ({@code value} is then their median), and its peer {@code peerRounds}, {@code peerMin}
 * and {@code peerMax} when the peer was measured in rounds too. These fields were added to format 1
 * without changing a field it had, so a reader of earlier files reads these unchanged, and a file
 * without them is one from before rounds were kept.
 */
public final class ResultsFile {
    public static final int FORMAT = 1;

    private ResultsFile() {}

    /** Where and on what the runs ran. */
    public record Environment(String commit, Instant startedAt, boolean shortMode, Map<String, String> details) {
        /** The current JVM's and machine's facts, plus whatever {@code details} adds (e.g. "machine"). */
        public static Environment current(String commit, Instant startedAt, boolean shortMode, Map<String, String> extra) {
            Map<String, String> d = new java.util.LinkedHashMap<>();
            d.put("kernel", System.getProperty("os.name") + " " + System.getProperty("os.version"));
            d.put("arch", System.getProperty("os.arch"));
            d.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
            d.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
            d.put("inVm", Boolean.toString("1".equals(System.getenv("JLVS_IN_VM"))));
            d.putAll(extra);
            return new Environment(commit, startedAt, shortMode, d);
        }
    }

    /** The default file name: {@code <UTC time>-<commit>.json}, sortable by time. */
    public static String defaultName(Environment env) {
        String time = env.startedAt().toString().replace(":", "").replaceAll("\\.\\d+", "");
        return time + "-" + env.commit() + (env.shortMode() ? "-short" : "") + ".json";
    }

    public static void write(Path file, Environment env, List<RunOutcome> outcomes) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("format", FORMAT);
        root.put("commit", env.commit());
        root.put("startedAt", env.startedAt().toString());
        root.put("short", env.shortMode());
        ObjectNode details = root.putObject("environment");
        env.details().forEach(details::put);
        ArrayNode runs = root.putArray("runs");
        ArrayNode results = root.putArray("results");
        for (RunOutcome o : outcomes) {
            ObjectNode run = runs.addObject();
            run.put("name", o.run());
            run.put("completed", o.completed());
            run.put("seconds", o.elapsed().toMillis() / 1000.0);
            o.error().ifPresent(e -> run.put("error", e));
            for (Result r : o.results()) {
                results.add(toJson(json, r));
            }
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        json.writeValue(file.toFile(), root);
    }

    private static ObjectNode toJson(ObjectMapper json, Result r) {
        ObjectNode n = json.createObjectNode();
        n.put("run", r.run());
        n.put("name", r.name());
        n.put("value", r.value());
        n.put("unit", r.unit());
        r.rounds().ifPresent(x -> putRounds(n, "", x));
        r.peer().ifPresent(p -> {
            n.put("peer", p.name());
            n.put("peerValue", p.value());
            p.rounds().ifPresent(x -> putRounds(n, "peer", x));
        });
        r.ratio().ifPresent(x -> n.put("ratio", x));
        r.goal().ifPresent(g -> {
            n.put("goal", g.text());
            n.put("goalCondition", g.condition());
        });
        r.pass().ifPresent(p -> n.put("pass", p));
        return n;
    }

    /** {@code rounds}, {@code min}, {@code max}; with a prefix {@code peerRounds}, {@code peerMin}, {@code peerMax}. */
    private static void putRounds(ObjectNode n, String prefix, Rounds r) {
        ArrayNode all = n.putArray(prefix.isEmpty() ? "rounds" : prefix + "Rounds");
        r.values().forEach(all::add);
        n.put(prefix.isEmpty() ? "min" : prefix + "Min", r.min());
        n.put(prefix.isEmpty() ? "max" : prefix + "Max", r.max());
    }
}
