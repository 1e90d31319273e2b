package io.jlvs.process.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs one program of the operator's: argv as given (never a shell), empty standard input, standard
 * output and error read through pipes of which only the first {@code maxOutput} bytes are kept (the
 * rest is read and dropped, so the program never blocks on a full pipe and never fills a disk), and a
 * timeout.
 *
 * <p>The program starts in a session of its own ({@code setsid(1)}, which execs it without forking
 * when, as here, it is not already a group leader), so everything it starts can be found again by its
 * session id even after the program itself is gone: a background child that would hold the output
 * pipe, or keep running after a timeout, is killed on every way out (exit, timeout, interruption).
 * Linux never hands out a PID still in use as a session id, so the search cannot hit a stranger. A
 * descendant that makes a session of its own escapes the search once the program has exited; while
 * the program lives it is still found as a descendant.
 *
 * <p>An optional prefix (e.g. {@code setpriv --reuid=U --regid=G --clear-groups --}) runs the program
 * as another user; it too must exec without forking, so the program keeps the session's PID.
 */
public final class ProcessRunner {
    /** Where setsid(1) of util-linux is looked for, in order. */
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));
    /** How long to wait for killed processes to be gone. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    /** How long the output readers may take once every process is gone. */
    private static final Duration READER_WAIT = Duration.ofSeconds(2);
    /** Rounds of "kill everything found": a tree that keeps forking is still bounded. */
    private static final int KILL_ROUNDS = 10;

    private final List<String> prefix;
    private final Duration timeout;
    private final int maxOutput;

    /**
     * @param prefix    argv put before every program (a user switch), empty for none
     * @param timeout   longest run before the whole group is killed
     * @param maxOutput bytes kept of standard output and of standard error, each
     */
    public ProcessRunner(List<String> prefix, Duration timeout, int maxOutput) {
        this.prefix = List.copyOf(Objects.requireNonNull(prefix, "prefix"));
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (maxOutput < 0) {
            throw new IllegalArgumentException("output cap must not be negative: " + maxOutput);
        }
        this.timeout = timeout;
        this.maxOutput = maxOutput;
    }

    /** Where setpriv(1) of util-linux is looked for, in order. */
    private static final List<Path> SETPRIV = List.of(Path.of("/usr/bin/setpriv"), Path.of("/bin/setpriv"));

    /**
     * The argv prefix that runs a program as {@code uid}:{@code gid} with no supplementary groups
     * ({@code setpriv --reuid --regid --clear-groups --}, which execs without forking and without a
     * shell); empty when setpriv is not installed, for the caller to refuse at load.
     */
    public static Optional<List<String>> asUser(int uid, int gid) {
        return SETPRIV.stream().filter(Files::isExecutable).findFirst().map(setpriv -> List.of(setpriv.toString(),
                "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--"));
    }

    /** A runner running programs as ourselves. */
    public static ProcessRunner direct(Duration timeout, int maxOutput) {
        return new ProcessRunner(List.of(), timeout, maxOutput);
    }

    public Duration timeout() {
        return timeout;
    }

    /**
     * What a run gave.
     *
     * @param timedOut     whether it was killed at the timeout
     * @param exitCode     the exit code when it exited (a signal N shows as 128 + N), else -1
     * @param stdout       the first bytes of standard output
     * @param stderr       the first bytes of standard error
     * @param outputBytes  bytes written to standard output and error together, kept or not
     * @param killed       processes killed: the program when timed out, and whatever it left running
     */
    public record Outcome(boolean timedOut, int exitCode, byte[] stdout, byte[] stderr, long outputBytes, int killed) {

        /** The first line of standard output, or the empty string. */
        public String stdoutFirstLine() {
            return firstLineOf(stdout).orElse("");
        }

        /** The first non-blank line of standard error, else of standard output, cleaned for a log line. */
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

    /**
     * Runs {@code argv} with {@code environment} added to ours, to its end or its timeout.
     *
     * @throws IOException          when the program cannot be started (missing, not executable)
     * @throws InterruptedException when interrupted; the program and its group are killed first
     */
    public Outcome run(List<String> argv, Map<String, String> environment) throws IOException, InterruptedException {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("no program to run");
        }
        requireExecutable(argv.get(0));
        ProcessBuilder builder = new ProcessBuilder(command(argv))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(environment);
        Process process = builder.start();
        BoundedReader out = BoundedReader.start(process.getInputStream(), maxOutput, "jlvs-program-stdout");
        BoundedReader err = BoundedReader.start(process.getErrorStream(), maxOutput, "jlvs-program-stderr");
        boolean exited;
        try {
            exited = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            killGroup(process.toHandle());
            throw e;
        }
        int killed = killGroup(process.toHandle());
        out.await(READER_WAIT);
        err.await(READER_WAIT);
        return new Outcome(!exited, exited ? process.exitValue() : -1, out.bytes(), err.bytes(),
                out.total() + err.total(), killed);
    }

    private List<String> command(List<String> argv) {
        List<String> command = new ArrayList<>();
        SETSID.stream().filter(Files::isExecutable).findFirst().ifPresent(p -> command.add(p.toString()));
        command.addAll(prefix);
        command.addAll(argv);
        return command;
    }

    /**
     * Refuses a program that cannot be run before anything starts: behind setsid (and a user switch),
     * a missing program would look like a program exiting 127.
     */
    private static void requireExecutable(String program) throws IOException {
        if (program.indexOf('/') >= 0) {
            if (!Files.isRegularFile(Path.of(program)) || !Files.isExecutable(Path.of(program))) {
                throw new IOException("no such executable file");
            }
            return;
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return;
            }
        }
        throw new IOException("not found on PATH");
    }

    /**
     * Kills {@code root}, its descendants and every process of its session with SIGKILL; returns how
     * many were killed. The root goes first, so a shell cannot react to its children's deaths (run
     * the next command of its script); its descendants are listed just before, because a killed
     * parent's children are re-parented and are then found only by their session. The session is
     * searched again in rounds, for children forked meanwhile. JDK process handles check the start
     * time, so a recycled PID is never hit through a handle.
     */
    public static int killGroup(ProcessHandle root) throws InterruptedException {
        Set<Long> killed = new HashSet<>();
        List<ProcessHandle> descendants = root.isAlive() ? root.descendants().toList() : List.of();
        if (root.isAlive()) {
            root.destroyForcibly();
            killed.add(root.pid());
        }
        for (ProcessHandle descendant : descendants) {
            if (descendant.isAlive()) {
                descendant.destroyForcibly();
                killed.add(descendant.pid());
            }
        }
        for (int round = 0; round < KILL_ROUNDS; round++) {
            List<Long> fresh = SessionMembers.of(root.pid()).stream().filter(p -> !killed.contains(p)).toList();
            if (fresh.isEmpty()) {
                break;
            }
            for (long pid : fresh) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                killed.add(pid);
            }
        }
        try {
            root.onExit().get(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // SIGKILL cannot be refused; a process stuck in the kernel (D state) goes when it can
        }
        return killed.size();
    }
}
