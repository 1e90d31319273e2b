package io.jlvs.health.internal;

import io.jlvs.process.internal.ProcessRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a configured quorum program (keepalived's quorum_up/quorum_down) on the one
 * {@link ProcessRunner}: argv as given, no shell, a little output kept for the log, and everything
 * it started killed when it ends or outlives its time.
 */
public final class CommandRunner {
    private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);
    /** Output kept for the log line. */
    private static final int MAX_LOGGED_OUTPUT = 1024;
    private final ProcessRunner runner;

    public CommandRunner(Duration timeout) {
        this.runner = ProcessRunner.direct(timeout, MAX_LOGGED_OUTPUT);
    }

    /** Starts {@code argv} on a virtual thread and returns at once. */
    public Thread start(List<String> argv, String why) {
        return Thread.ofVirtual().name("jlvs-health-command").start(() -> run(argv, why));
    }

    /** Runs {@code argv} to its end or its timeout; returns its exit code, or -1 when it did not finish. */
    public int run(List<String> argv, String why) {
        ProcessRunner.Outcome run;
        try {
            run = runner.run(argv, Map.of());
        } catch (IOException e) {
            LOG.warn("{}: cannot start {}: {}", why, argv, e.getMessage());
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
        if (run.timedOut()) {
            LOG.warn("{}: {} still running after {}; killed {} process(es)", why, argv, runner.timeout(), run.killed());
            return -1;
        }
        LOG.info("{}: {} exited {}{}", why, argv, run.exitCode(), run.firstLine().map(l -> ": " + l).orElse(""));
        return run.exitCode();
    }
}
