package io.jlvs.health;

import io.jlvs.health.internal.check.Argv;
import io.jlvs.health.internal.check.ProbeFailedException;
import io.jlvs.health.internal.check.Probes;
import io.jlvs.process.internal.ProcessRunner;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs an external program against the real server (Piranha's {@code send_program}, keepalived's
 * MISC_CHECK): up when it exits 0 and, when {@code expect} is set, its output contains the
 * expectation.
 *
 * <p>{@code argv} is executed directly, never through a shell: in each argument {@code %h} becomes
 * the real server's address (IPv6 as RFC 5952 writes it, without brackets), {@code %p} its port and {@code %%} a percent sign; nothing else is
 * expanded. Standard input is empty. The first {@value #MAX_OUTPUT_BYTES} bytes of standard output
 * and of standard error are kept; the rest is read and dropped, so a chatty program never blocks and
 * never costs more memory.
 *
 * <p>The program runs in a session of its own. A program still running at {@code timeout} is killed
 * with everything it started (SIGKILL) and the probe is down; whatever it leaves running after it
 * exits (a background child holding the output) is killed too.
 *
 * <p>Weight, as {@link WeightSource}: by the exit code (keepalived's {@code misc_dynamic}: 0 = up
 * keeping the weight, 1 = down, 2..255 = up with weight code - 2), or from the first line of
 * standard output, an integer 0..65535, after exit 0. Java sees a program killed by signal N as exit
 * 128 + N, which the exit-code rule would read as a weight; keepalived tells them apart, Java cannot.
 *
 * @param argv    the program and its arguments, at least the program
 * @param timeout longest run before the tree is killed
 * @param weight  where a dynamic weight comes from, if anywhere
 * <p>With {@code user}, the program runs as that user and group with no supplementary groups
 * ({@code setpriv(1)} of util-linux, which the caller must be allowed to use: root, or
 * CAP_SETUID and CAP_SETGID), as keepalived's {@code script_user}.
 *
 * @param expect  what standard output must contain, or {@link Expectation#none()}
 * @param user    whom the program runs as; empty for the caller's own user
 */
public record ProgramCheck(List<String> argv, Duration timeout, WeightSource weight, Expectation expect,
        Optional<RunAs> user) implements HealthCheck {

    /** How much of standard output and of standard error is read. */
    public static final int MAX_OUTPUT_BYTES = 4096;
    /** Largest weight read from standard output: ipvsadm's limit. */
    public static final int MAX_WEIGHT = 65535;

    /** Where the weight of an up server comes from. */
    public enum WeightSource {
        /** Exit 0 = up, anything else = down; the configured weight stays. */
        NONE,
        /** keepalived misc_dynamic: 0 = up, 1 = down, 2..255 = up with weight code - 2. */
        EXIT_CODE,
        /** Exit 0 and the first line of standard output is the weight; otherwise down. */
        STDOUT
    }

    /** A numeric user and group to run a program as. */
    public record RunAs(int uid, int gid) {
        public RunAs {
            if (uid < 0 || gid < 0) {
                throw new IllegalArgumentException("uid and gid must not be negative: " + uid + ":" + gid);
            }
        }

        @Override
        public String toString() {
            return uid + ":" + gid;
        }
    }

    public ProgramCheck {
        Objects.requireNonNull(argv, "argv");
        argv = List.copyOf(argv);
        if (argv.isEmpty() || argv.get(0).isBlank()) {
            throw new IllegalArgumentException("program argv " + argv + " names no program");
        }
        for (String arg : argv) {
            if (arg.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("program argument '" + arg.replace("\0", "\\0") + "' holds a NUL");
            }
        }
        ConnectOptions.requirePositive(timeout, "program timeout");
        Objects.requireNonNull(weight, "weight (use WeightSource.NONE)");
        Objects.requireNonNull(expect, "expect (use Expectation.none())");
        Objects.requireNonNull(user, "user (use Optional.empty())");
    }

    /** A check run as the caller's own user. */
    public ProgramCheck(List<String> argv, Duration timeout, WeightSource weight, Expectation expect) {
        this(argv, timeout, weight, expect, Optional.empty());
    }

    /** {@code argv} with a timeout, exit 0 = up, no weight, no expected output. */
    public static ProgramCheck of(List<String> argv, Duration timeout) {
        return new ProgramCheck(argv, timeout, WeightSource.NONE, Expectation.none());
    }

    public ProgramCheck withWeight(WeightSource source) {
        return new ProgramCheck(argv, timeout, source, expect, user);
    }

    public ProgramCheck expecting(Expectation output) {
        return new ProgramCheck(argv, timeout, weight, output, user);
    }

    /** This check, its program run as {@code runAs}. */
    public ProgramCheck runningAs(RunAs runAs) {
        return new ProgramCheck(argv, timeout, weight, expect, Optional.of(runAs));
    }

    /** The arguments run for {@code target}: %h, %p and %% replaced in each. */
    public List<String> command(InetSocketAddress target) {
        List<String> command = new ArrayList<>(argv.size());
        for (String arg : argv) {
            command.add(Argv.substitute(arg, target));
        }
        return command;
    }

    @Override
    public ProbeResult probe(InetSocketAddress target) throws InterruptedException {
        return Probes.run(clock -> {
            ProcessRunner.Outcome run;
            try {
                run = runner().run(command(target), Map.of());
            } catch (IOException e) {
                throw new ProbeFailedException("cannot run " + argv.get(0) + ": " + e.getMessage());
            }
            if (run.timedOut()) {
                throw new ProbeFailedException("no exit within " + Probes.format(timeout) + ", killed "
                        + (run.killed() == 1 ? "the program" : "the program and " + (run.killed() - 1) + " descendant(s)"));
            }
            int code = run.exitCode();
            boolean up = switch (weight) {
                case NONE, STDOUT -> code == 0;
                case EXIT_CODE -> code != 1 && code >= 0 && code <= 255;
            };
            if (!up) {
                throw new ProbeFailedException("exit " + code + run.firstLine().map(l -> ": " + l).orElse(""));
            }
            if (!expect.isNone() && !expect.foundIn(run.stdout(), run.stdout().length)) {
                throw new ProbeFailedException("exit " + code + ", output lacks " + expect
                        + run.firstLine().map(l -> ": " + l).orElse(""));
            }
            return switch (weight) {
                case NONE -> clock.up("exit 0");
                case EXIT_CODE -> code >= 2 ? clock.upWithWeight("exit " + code, code - 2) : clock.up("exit 0");
                case STDOUT -> clock.upWithWeight("exit 0, weight " + stdoutWeight(run), stdoutWeight(run));
            };
        });
    }

    private ProcessRunner runner() throws ProbeFailedException {
        if (user.isEmpty()) {
            return ProcessRunner.direct(timeout, MAX_OUTPUT_BYTES);
        }
        RunAs as = user.get();
        List<String> prefix = ProcessRunner.asUser(as.uid(), as.gid()).orElseThrow(() -> new ProbeFailedException(
                "cannot run " + argv.get(0) + " as " + as + ": setpriv (util-linux) is not installed"));
        return new ProcessRunner(prefix, timeout, MAX_OUTPUT_BYTES);
    }

    private static int stdoutWeight(ProcessRunner.Outcome run) throws ProbeFailedException {
        String line = run.stdoutFirstLine().strip();
        try {
            int value = Integer.parseInt(line);
            if (value >= 0 && value <= MAX_WEIGHT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ProbeFailedException("exit 0, but the first output line '" + line + "' is not a weight 0.." + MAX_WEIGHT);
    }

    @Override
    public String type() {
        return "program";
    }
}
