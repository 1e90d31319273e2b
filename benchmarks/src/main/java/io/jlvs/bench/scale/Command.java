package io.jlvs.bench.scale;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a peer or a witness (ipvsadm, ip, keepalived) to completion with a bounded wait, its output going
 * to files (a 60,000-line listing would fill a pipe nobody reads), and says how long it took from
 * start to exit, process start-up included, as a user running it sees it.
 */
public final class Command {
    private final Path workDir;

    Command(Path workDir) {
        this.workDir = workDir;
    }

    /** What a finished command left: exit status, output, and wall time from start to exit. */
    public record Output(List<String> command, int exitStatus, Path stdout, Path stderr, Duration elapsed) {
        public String stdoutText() throws IOException {
            return Files.readString(stdout, StandardCharsets.UTF_8);
        }

        public String stderrText() throws IOException {
            return Files.readString(stderr, StandardCharsets.UTF_8);
        }

        /** This output, or an exception naming the command and quoting its stderr when it failed. */
        public Output orThrow() throws IOException {
            if (exitStatus != 0) {
                String err = stderrText().strip();
                throw new IOException(String.join(" ", command) + " exited with " + exitStatus
                        + (err.isEmpty() ? "" : ": " + err.lines().limit(5).reduce((a, b) -> a + " / " + b).orElse("")));
            }
            return this;
        }
    }

    /** Runs {@code command} with no input. */
    public Output run(Duration timeout, List<String> command) throws IOException, InterruptedException {
        return run(timeout, null, command);
    }

    /**
     * Runs {@code command} with standard input from {@code stdin} (or none), waiting at most
     * {@code timeout}; past it the process is killed and an IOException says so.
     */
    public Output run(Duration timeout, Path stdin, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "cmd-", ".out");
        Path err = Files.createTempFile(workDir, "cmd-", ".err");
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())
                : ProcessBuilder.Redirect.from(stdin.toFile()));
        long start = System.nanoTime();
        Process p = pb.start();
        boolean done;
        try {
            done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            throw e;
        }
        long elapsed = System.nanoTime() - start;
        if (!done) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IOException(String.join(" ", command) + " did not finish within " + timeout);
        }
        return new Output(List.copyOf(command), p.exitValue(), out, err, Duration.ofNanos(elapsed));
    }
}
