package io.jlvs.director.internal;

import io.jlvs.config.RoleScripts;
import io.jlvs.failover.SelfCheck;
import io.jlvs.health.internal.check.Argv;
import io.jlvs.process.internal.ProcessRunner;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code track_script}: a program the director runs every {@code track_script_interval} (keepalived's
 * {@code vrrp_script} in {@code track_script}); {@code track_script_fall} failures in a row (an exit
 * status other than 0, a timeout, a program that cannot start) put the director at fault, and
 * {@code track_script_rise} successes in a row clear it. It starts healthy, as keepalived's scripts do.
 * Runs on a thread of its own; the heartbeat thread only reads the verdict.
 */
final class TrackScript implements SelfCheck, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TrackScript.class);
    private static final int MAX_OUTPUT = 1024;

    private final List<String> argv;
    private final RoleScripts settings;
    private final ProcessRunner runner;
    private final Thread thread;
    private volatile Optional<String> fault = Optional.empty();
    private volatile boolean closed;
    private int failures;
    private int successes;

    TrackScript(RoleScripts settings, List<String> prefix) {
        this.settings = settings;
        this.argv = Argv.split(settings.trackScript().orElseThrow());
        this.runner = new ProcessRunner(prefix, settings.trackTimeout(), MAX_OUTPUT);
        this.thread = Thread.ofPlatform().name("jlvs-track-script").daemon(true).unstarted(this::loop);
    }

    TrackScript start() {
        thread.start();
        return this;
    }

    private void loop() {
        long next = System.nanoTime();
        while (!closed) {
            record(runOnce());
            next += settings.trackInterval().toNanos();
            long wait = next - System.nanoTime();
            if (wait < 0) {
                next = System.nanoTime();   // a run longer than the interval: the next one starts now, no catching up
            } else {
                LockSupport.parkNanos(this, wait);
            }
        }
    }

    /** Empty when the program succeeded, else why it failed. */
    private Optional<String> runOnce() {
        try {
            ProcessRunner.Outcome run = runner.run(argv, Map.of());
            if (run.timedOut()) {
                return Optional.of("killed after " + settings.trackTimeout().toMillis() + " ms");
            }
            if (run.exitCode() != 0) {
                return Optional.of("exit status " + run.exitCode() + run.firstLine().map(l -> ": " + l).orElse(""));
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot start: " + e.getMessage());
        } catch (InterruptedException e) {
            closed = true;
            return Optional.empty();
        }
    }

    /** Counts one result; visible for tests. */
    synchronized void record(Optional<String> failure) {
        if (failure.isPresent()) {
            successes = 0;
            failures++;
            if (fault.isEmpty() && failures >= settings.trackFall()) {
                fault = Optional.of("track_script " + argv.get(0) + " failed " + failures + " time(s) in a row: "
                        + failure.get());
                log.warn(Kv.line("event", "track-script", "state", "fault", "reason", fault.get()));
            }
        } else {
            failures = 0;
            successes++;
            if (fault.isPresent() && successes >= settings.trackRise()) {
                fault = Optional.empty();
                log.info(Kv.line("event", "track-script", "state", "ok", "program", argv.get(0)));
            }
        }
    }

    @Override
    public Optional<String> fault() {
        return fault;
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(settings.trackTimeout().plusSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
