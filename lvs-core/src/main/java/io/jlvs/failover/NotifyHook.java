package io.jlvs.failover;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A program the operator wants run on every role change (keepalived's notify scripts, Piranha's
 * takeover hooks). Started directly from its argv, never through a shell, with the new role, the
 * old role and the reason appended as three more arguments and also in the environment
 * (JLVS_ROLE, JLVS_PREVIOUS_ROLE, JLVS_REASON). Its output is logged; it is killed after the
 * timeout. Its exit status is logged, never acted on.
 *
 * @param argv the program and its leading arguments
 * @param timeout how long it may run
 */
public record NotifyHook(List<String> argv, Duration timeout) implements RoleListener {
    private static final Logger LOG = LoggerFactory.getLogger(NotifyHook.class);
    /** Output kept for the log; the rest is read and dropped so the program never blocks on a full pipe. */
    private static final int MAX_LOGGED_OUTPUT = 4096;

    public NotifyHook {
        argv = List.copyOf(Objects.requireNonNull(argv, "argv"));
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
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("JLVS_ROLE", change.current().name());
        pb.environment().put("JLVS_PREVIOUS_ROLE", change.previous().name());
        pb.environment().put("JLVS_REASON", change.reason());
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            LOG.error("notify hook {} could not start: {}", argv, e.getMessage());
            return;
        }
        StringBuilder output = new StringBuilder();
        Thread reader = Thread.ofVirtual().start(() -> drain(process.getInputStream(), output));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                reader.join(Duration.ofSeconds(1));
                LOG.error("notify hook {} for {} killed after {} ms; output: {}", argv, change, timeout.toMillis(),
                        text(output));
                return;
            }
            reader.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return;
        }
        int status = process.exitValue();
        if (status == 0) {
            LOG.info("notify hook {} for {} done; output: {}", argv, change, text(output));
        } else {
            LOG.warn("notify hook {} for {} exited with {}; output: {}", argv, change, status, text(output));
        }
    }

    private static void drain(InputStream in, StringBuilder output) {
        byte[] buf = new byte[1024];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                synchronized (output) {
                    if (output.length() < MAX_LOGGED_OUTPUT) {
                        output.append(new String(buf, 0, Math.min(n, MAX_LOGGED_OUTPUT - output.length()),
                                StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (IOException ignored) {
            // The process was killed: what was read so far is logged.
        }
    }

    private static String text(StringBuilder output) {
        synchronized (output) {
            String s = output.toString().strip();
            return s.isEmpty() ? "(none)" : s.replace('\n', '|');
        }
    }
}
