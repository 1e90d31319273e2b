package io.jlvs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command to completion with a bound on its time. Output goes to temporary files rather than
 * pipes, so a command that writes megabytes (ipvsadm -Sn of 60k rules) can never block on a full pipe;
 * the process is always reaped, killed first if it overran.
 */
public final class Processes {
    private Processes() {}

    /** What a finished command left behind. */
    public record Result(List<String> command, int exitStatus, String stdout, String stderr) {
        public boolean succeeded() {
            return exitStatus == 0;
        }

        /** "ip netns exec x ipvsadm -A ... exited 2: stderr text". */
        public String describe() {
            return String.join(" ", command) + " exited " + exitStatus
                    + (stderr.isBlank() ? "" : ": " + stderr.strip())
                    + (stdout.isBlank() ? "" : " (stdout: " + abbreviate(stdout.strip()) + ")");
        }
    }

    /** Runs {@code command}; an overrun is an AssertionError naming the command (the process is killed). */
    public static Result run(Duration timeout, List<String> command) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("jlvs-proc-", ".out");
            err = Files.createTempFile("jlvs-proc-", ".err");
            Process p = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            boolean finished;
            try {
                finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                kill(p);
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while running " + String.join(" ", command), e);
            }
            if (!finished) {
                kill(p);
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout
                        + "; killed. stderr so far: " + abbreviate(Files.readString(err, StandardCharsets.UTF_8)));
            }
            return new Result(List.copyOf(command), p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** Runs {@code command} and returns its stdout; a non-zero exit is an AssertionError with its stderr. */
    public static String check(Duration timeout, List<String> command) {
        Result r = run(timeout, command);
        if (!r.succeeded()) {
            throw new AssertionError(r.describe());
        }
        return r.stdout();
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            // Reap it; a SIGKILLed process goes quickly, the bound is only against the impossible.
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a leftover temp file is not worth failing a test over
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 2000) + "... (" + text.length() + " chars)";
    }
}
