package io.jlvs.health.internal;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a configured quorum program (keepalived's quorum_up/quorum_down): argv as given, no shell,
 * output discarded, and the whole process tree killed when it outlives its time.
 */
public final class CommandRunner {
    private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);
    private final Duration timeout;

    public CommandRunner(Duration timeout) {
        this.timeout = timeout;
    }

    /** Starts {@code argv} on a virtual thread and returns at once. */
    public Thread start(List<String> argv, String why) {
        return Thread.ofVirtual().name("jlvs-health-command").start(() -> run(argv, why));
    }

    /** Runs {@code argv} to its end or its timeout; returns its exit code, or -1 when it did not finish. */
    public int run(List<String> argv, String why) {
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(new File("/dev/null")))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            LOG.warn("{}: cannot start {}: {}", why, argv, e.getMessage());
            return -1;
        }
        try {
            if (p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                int code = p.exitValue();
                LOG.info("{}: {} exited {}", why, argv, code);
                return code;
            }
            LOG.warn("{}: {} still running after {}; killed", why, argv, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        return -1;
    }
}
