package io.jlvs.bench.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Markdown tables made from results files ({@link ResultsFile}), so that what benchmarks/README.md quotes is
 * what a run wrote, not a hand copy: for each file a line saying where it ran (the guest or the host, the
 * machine, the commit, short or full), then one table per scale run with every figure, its min / median /
 * max when it was measured in rounds, its peer's, the ratio, the goal and whether it was met. A run that
 * failed says so with its error. {@code scripts/bench --report FILE...} prints it.
 */
public final class ResultsReport {
    private ResultsReport() {}

    /** The report of these files, in the order given. */
    public static String of(List<Path> files) throws IOException {
        ObjectMapper json = new ObjectMapper();
        StringBuilder out = new StringBuilder();
        for (Path file : files) {
            JsonNode root;
            try {
                root = json.readTree(Files.readString(file));
            } catch (IOException e) {
                throw new IOException(file + ": not a results file: " + e.getMessage(), e);
            }
            if (root == null || root.path("format").asInt() != ResultsFile.FORMAT || !root.path("results").isArray()) {
                throw new IOException(file + ": not a results file of format " + ResultsFile.FORMAT);
            }
            file(out, file, root);
        }
        return out.toString();
    }

    private static void file(StringBuilder out, Path file, JsonNode root) {
        JsonNode env = root.path("environment");
        boolean guest = env.path("inVm").asText().equals("true");
        out.append("Results file `").append(file.getFileName()).append("`: ")
                .append(guest ? "**guest**" : "**host**").append(", commit ").append(root.path("commit").asText())
                .append(", started ").append(root.path("startedAt").asText())
                .append(root.path("short").asBoolean() ? ", **short mode (the numbers mean nothing)**" : "")
                .append("; ").append(env.path("machine").asText(env.path("cpus").asText() + " CPUs"))
                .append("; ").append(env.path("kernel").asText()).append(", ").append(env.path("java").asText())
                .append(".\n\n");
        Map<String, List<JsonNode>> byRun = new LinkedHashMap<>();
        for (JsonNode run : root.path("runs")) {
            byRun.put(run.path("name").asText(), new ArrayList<>());
        }
        for (JsonNode r : root.path("results")) {
            byRun.computeIfAbsent(r.path("run").asText(), k -> new ArrayList<>()).add(r);
        }
        for (JsonNode run : root.path("runs")) {
            String name = run.path("name").asText();
            out.append("`").append(name).append("` (").append(Result.number(run.path("seconds").asDouble())).append(" s")
                    .append(guest ? ", guest" : ", host").append(")");
            if (!run.path("completed").asBoolean()) {
                out.append(": **failed**: ").append(cell(run.path("error").asText())).append("\n\n");
                continue;
            }
            out.append("\n\n| Figure | jLVS min / **median** / max | Peer | peer min / **median** / max | ratio | goal | met |\n")
                    .append("| --- | ---: | --- | ---: | ---: | --- | --- |\n");
            for (JsonNode r : byRun.get(name)) {
                row(out, r);
            }
            out.append('\n');
        }
    }

    private static void row(StringBuilder out, JsonNode r) {
        String unit = r.path("unit").asText();
        out.append("| ").append(cell(r.path("name").asText()))
                .append(" | ").append(figure(r, "", "value", unit))
                .append(" | ").append(cell(r.path("peer").asText("")))
                .append(" | ").append(r.has("peer") ? figure(r, "peer", "peerValue", unit) : "")
                .append(" | ").append(r.has("ratio") ? Result.number(r.path("ratio").asDouble()) : "")
                .append(" | ").append(r.has("goal") ? cell(r.path("goalCondition").asText() + " (" + r.path("goal").asText() + ")") : "")
                .append(" | ").append(!r.has("pass") ? "" : r.path("pass").asBoolean() ? "met" : "**missed**")
                .append(" |\n");
    }

    /** "1.2 / **1.5** / 2.0 s (3)" for a figure with rounds, else "1.5 s". */
    private static String figure(JsonNode r, String prefix, String valueField, String unit) {
        String value = Result.number(r.path(valueField).asDouble());
        JsonNode rounds = r.path(prefix.isEmpty() ? "rounds" : prefix + "Rounds");
        if (!rounds.isArray()) {
            return value + " " + cell(unit);
        }
        String min = Result.number(r.path(prefix.isEmpty() ? "min" : prefix + "Min").asDouble());
        String max = Result.number(r.path(prefix.isEmpty() ? "max" : prefix + "Max").asDouble());
        return min + " / **" + value + "** / " + max + " " + cell(unit) + " (" + rounds.size() + ")";
    }

    /** Text safe in a Markdown table cell: no pipe, no line break. */
    private static String cell(String s) {
        return s.replace("|", "\\|").replace('\n', ' ');
    }
}
