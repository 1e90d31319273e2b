package io.jlvs.bench.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs named scale runs and writes their results file.
 *
 * <pre>
 * java -cp benchmarks.jar io.jlvs.bench.scale.ScaleMain [--short] [--commit SHA] [--out FILE]
 *      [--results-dir DIR] [--work-dir DIR] [--machine TEXT] [--list] [all | RUN...]
 * java -cp benchmarks.jar io.jlvs.bench.scale.ScaleMain --report FILE...
 * </pre>
 *
 * Prints one line per result on stdout (progress goes to stderr), then writes the JSON file: to
 * {@code --out}, else {@code <results-dir>/<UTC time>-<commit>.json} (results-dir defaults to
 * {@code benchmarks/results}). Working files go to {@code --work-dir}, else to a temporary directory that is
 * deleted when every run finished and kept (and named) when one failed. Exit status 0 when every run finished (a missed goal is reported, not an
 * error: timings are not tests), 1 when a run failed, 2 on a bad command line. Needs root and IPVS.
 * {@code --report} prints results files as Markdown tables ({@link ResultsReport}) and runs nothing.
 */
public final class ScaleMain {
    private ScaleMain() {}

    record Options(boolean shortMode, String commit, Path out, Path resultsDir, Path workDir, String machine,
                   boolean list, boolean report, List<String> runs) {}

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("scale: " + e.getMessage());
            System.err.println("usage: ScaleMain [--short] [--commit SHA] [--out FILE] [--results-dir DIR]"
                    + " [--work-dir DIR] [--machine TEXT] [--list] [all | RUN...]  |  ScaleMain --report FILE...");
            System.exit(2);
            return;
        }
        System.exit(run(o));
    }

    static int run(Options o) throws IOException, InterruptedException {
        if (o.report()) {
            try {
                System.out.print(ResultsReport.of(o.runs().stream().map(Path::of).toList()));
                return 0;
            } catch (IOException e) {
                System.err.println("scale: " + e.getMessage());
                return 1;
            }
        }
        if (o.list()) {
            ScaleRunner.available().forEach((name, r) -> System.out.printf("%-16s %s%n", name, r.description()));
            return 0;
        }
        List<ScaleRun> runs;
        try {
            runs = ScaleRunner.select(o.runs());
        } catch (IllegalArgumentException e) {
            System.err.println("scale: " + e.getMessage());
            return 2;
        }
        Instant started = Instant.now();
        Map<String, String> extra = new LinkedHashMap<>();
        if (o.machine() != null) {
            extra.put("machine", o.machine());
        }
        ResultsFile.Environment env = ResultsFile.Environment.current(o.commit(), started, o.shortMode(), extra);
        Path work = o.workDir() != null ? o.workDir() : Files.createTempDirectory("jlvs-scale-");
        List<RunOutcome> outcomes = new ScaleRunner(o.shortMode(), work).runAll(runs);
        Path file = o.out() != null ? o.out() : o.resultsDir().resolve(ResultsFile.defaultName(env));
        ResultsFile.write(file, env, outcomes);
        System.err.println("scale: results written to " + file.toAbsolutePath());
        long failed = outcomes.stream().filter(r -> !r.completed()).count();
        if (failed > 0) {
            System.err.println("scale: " + failed + " of " + outcomes.size() + " runs failed; their files (configurations,"
                    + " logs, command output) are in " + work);
            return 1;
        }
        if (o.workDir() == null) {
            deleteTree(work); // a directory of our own making, of no further use when all went well
        }
        return 0;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static Options parse(String[] args) {
        boolean shortMode = false;
        boolean list = false;
        boolean report = false;
        String commit = null;
        Path out = null;
        Path resultsDir = Path.of("benchmarks", "results");
        Path workDir = null;
        String machine = null;
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--short" -> shortMode = true;
                case "--list" -> list = true;
                case "--report" -> report = true;
                case "--commit" -> commit = value(args, ++i, a);
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--results-dir" -> resultsDir = Path.of(value(args, ++i, a));
                case "--work-dir" -> workDir = Path.of(value(args, ++i, a));
                case "--machine" -> machine = value(args, ++i, a);
                default -> {
                    if (a.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option " + a);
                    }
                    runs.add(a);
                }
            }
        }
        if (report) {
            if (runs.isEmpty()) {
                throw new IllegalArgumentException("--report needs one or more results files");
            }
            return new Options(false, "none", null, resultsDir, null, null, false, true, List.copyOf(runs));
        }
        if (commit == null) {
            commit = gitCommit();
        }
        if (!commit.matches("[0-9A-Za-z._-]+")) {
            throw new IllegalArgumentException("--commit must be a plain name such as a git hash, not '" + commit + "'");
        }
        return new Options(shortMode, commit, out, resultsDir, workDir, machine, list, false, List.copyOf(runs));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** The working tree's short commit hash (with "-dirty" if it has changes), or "unknown" without git. */
    private static String gitCommit() {
        try {
            String sha = git("rev-parse", "--short=12", "HEAD");
            if (sha == null || sha.isEmpty()) {
                return "unknown";
            }
            String status = git("status", "--porcelain", "--untracked-files=no");
            return status != null && !status.isEmpty() ? sha + "-dirty" : sha;
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String git(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            return null;
        }
        return out;
    }
}
