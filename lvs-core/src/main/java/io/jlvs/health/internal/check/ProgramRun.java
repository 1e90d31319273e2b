package io.jlvs.health.internal.check;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one program for a check: no shell, empty stdin, output to private temporary files (deleted
 * afterwards), a timeout that kills the whole process tree.
 */
public final class ProgramRun {
    /** How long to wait for killed processes to be gone before giving up on them. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    /** Rounds of "kill every descendant" while the root lives: a tree that keeps forking is still bounded. */
    private static final int KILL_ROUNDS = 10;

    private ProgramRun() {}

    /**
     * What a run gave.
     *
     * @param timedOut whether it was killed at the timeout
     * @param killed   processes killed (the program and its descendants), when timed out
     * @param exitCode the exit code, when it exited
     * @param stdout   the first bytes of standard output
     * @param stderr   the first bytes of standard error
     */
    public record Outcome(boolean timedOut, int killed, int exitCode, byte[] stdout, byte[] stderr) {

        /** The first line of stdout, or empty string. */
        public String stdoutFirstLine() {
            return firstLineOf(stdout).orElse("");
        }

        /** The first non-blank line of stderr, else of stdout, for a reason string. */
        public Optional<String> firstLine() {
            return firstLineOf(stderr).or(() -> firstLineOf(stdout));
        }

        private static Optional<String> firstLineOf(byte[] bytes) {
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\\R")) {
                if (!line.isBlank()) {
                    String clean = line.strip().replaceAll("\\p{Cntrl}", "?");
                    return Optional.of(clean.length() > 200 ? clean.substring(0, 200) + "..." : clean);
                }
            }
            return Optional.empty();
        }
    }

    public static Outcome run(List<String> command, Duration timeout, int maxOutput)
            throws IOException, ProbeFailedException, InterruptedException {
        Path out = Files.createTempFile("jlvs-check-", ".out");
        Path err = null;
        try {
            err = Files.createTempFile("jlvs-check-", ".err");
            Process process;
            try {
                process = new ProcessBuilder(command)
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
            } catch (IOException e) {
                throw new ProbeFailedException("cannot run " + command.get(0) + ": " + e.getMessage());
            }
            process.getOutputStream().close();
            try {
                process.onExit().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                int killed = killTree(process.toHandle());
                return new Outcome(true, killed, -1, head(out, maxOutput), head(err, maxOutput));
            } catch (InterruptedException e) {
                killTree(process.toHandle());
                throw e;
            } catch (ExecutionException e) {
                throw new IllegalStateException("onExit never fails", e);
            }
            return new Outcome(false, 0, process.exitValue(), head(out, maxOutput), head(err, maxOutput));
        } finally {
            Files.deleteIfExists(out);
            if (err != null) {
                Files.deleteIfExists(err);
            }
        }
    }

    /**
     * Kills {@code root} and every descendant with SIGKILL; returns how many were killed. Descendants
     * go first, while the root still lives and they are still its descendants (a killed parent's
     * children are re-parented and can no longer be found), in rounds until none is left. JDK process
     * handles check the start time, so a recycled PID is never hit.
     */
    public static int killTree(ProcessHandle root) throws InterruptedException {
        Set<Long> killed = new HashSet<>();
        for (int round = 0; round < KILL_ROUNDS && root.isAlive(); round++) {
            // a killed child stays listed (as a zombie) until its parent reaps it: only new ones count
            List<ProcessHandle> fresh = root.descendants().filter(p -> !killed.contains(p.pid())).toList();
            if (fresh.isEmpty()) {
                break;
            }
            for (ProcessHandle descendant : fresh) {
                descendant.destroyForcibly();
                killed.add(descendant.pid());
            }
        }
        root.destroyForcibly();
        killed.add(root.pid());
        try {
            root.onExit().get(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // SIGKILL cannot be refused; a process stuck in the kernel (D state) goes when it can
        }
        return killed.size();
    }

    private static byte[] head(Path file, int max) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(max);
        }
    }
}
