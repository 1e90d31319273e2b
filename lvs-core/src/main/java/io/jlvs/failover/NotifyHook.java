package io.jlvs.failover;

import io.jlvs.process.internal.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A program the operator wants run on every role change (keepalived's notify scripts, Piranha's
 * takeover hooks). Started directly from its argv, never through a shell, with the new role, the
 * old role and the reason appended as three more arguments and also in the environment
 * (JLVS_ROLE, JLVS_PREVIOUS_ROLE, JLVS_REASON). The first bytes of its output are logged. It runs
 * in a session of its own; it is killed with everything it started after the timeout, and whatever it
 * leaves running when it exits is killed too. Its exit status is logged, never acted on.
 *
 * @param argv the program and its leading arguments
 * @param timeout how long it may run
 * @param prefix argv put before the program's, which must exec it without forking (a user switch such as
 *        {@code setpriv --reuid=U --regid=G --clear-groups --}); empty to run it as this process's user
 */
public record NotifyHook(List<String> argv, Duration timeout, List<String> prefix) implements RoleListener {
    private static final Logger LOG = LoggerFactory.getLogger(NotifyHook.class);
    /** Output kept for the log, of stdout and of stderr each; the rest is read and dropped. */
    private static final int MAX_LOGGED_OUTPUT = 4096;

    /** A hook run as this process's user. */
    public NotifyHook(List<String> argv, Duration timeout) {
        this(argv, timeout, List.of());
    }

    public NotifyHook {
        argv = List.copyOf(Objects.requireNonNull(argv, "argv"));
        prefix = List.copyOf(Objects.requireNonNull(prefix, "prefix"));
        if (argv.isEmpty() || argv.get(0).isBlank()) {
            throw new IllegalArgumentException("notify hook needs a program to run");
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("notify hook timeout must be positive: " + timeout);
        }
    }

    @Override
    public void onRoleChange(RoleChange change) {
        List<String> command = new ArrayList<>(argv);
        command.add(change.current().name());
        command.add(change.previous().name());
        command.add(change.reason());
        Map<String, String> environment = Map.of(
                "JLVS_ROLE", change.current().name(),
                "JLVS_PREVIOUS_ROLE", change.previous().name(),
                "JLVS_REASON", change.reason());
        ProcessRunner.Outcome run;
        try {
            run = new ProcessRunner(prefix, timeout, MAX_LOGGED_OUTPUT).run(command, environment);
        } catch (IOException e) {
            LOG.error("notify hook {} could not start: {}", argv, e.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (run.timedOut()) {
            LOG.error("notify hook {} for {} killed after {} ms; output: {}", argv, change, timeout.toMillis(), text(run));
        } else if (run.exitCode() == 0) {
            LOG.info("notify hook {} for {} done; output: {}", argv, change, text(run));
        } else {
            LOG.warn("notify hook {} for {} exited with {}; output: {}", argv, change, run.exitCode(), text(run));
        }
    }

    private static String text(ProcessRunner.Outcome run) {
        String s = (new String(run.stdout(), StandardCharsets.UTF_8) + "\n"
                + new String(run.stderr(), StandardCharsets.UTF_8)).strip();
        return s.isEmpty() ? "(none)" : s.replaceAll("\\R+", "|");
    }
}
