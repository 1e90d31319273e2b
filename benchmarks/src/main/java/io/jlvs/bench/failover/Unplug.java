package io.jlvs.bench.failover;

import io.jlvs.bench.scale.ScaleNamespace;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Takes a director's links down at a known instant: an {@code ip -batch -} process is started in its
 * namespace beforehand, so that {@link #pull} only writes its commands (a process start takes a large,
 * varying part of a second under emulation, which would blur the instant the failover starts from).
 */
final class Unplug implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;
    private final String commands;

    private Unplug(Process process, Path log, String commands) {
        this.process = process;
        this.log = log;
        this.commands = commands;
    }

    /** Ready to take {@code interfaces} of {@code ns} down; its output goes to {@code log}. */
    static Unplug prepare(ScaleNamespace ns, Path log, String... interfaces) throws IOException {
        StringBuilder c = new StringBuilder();
        for (String i : interfaces) {
            c.append("link set ").append(i).append(" down\n");
        }
        Process p = new ProcessBuilder(ns.inside("ip", "-batch", "-")).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new Unplug(p, log, c.toString());
    }

    /**
     * Takes the links down; returns the instant just before the commands were handed over (the
     * unplug's start). Throws when ip failed or did not finish within a minute.
     */
    Instant pull() throws IOException, InterruptedException {
        Instant at = Instant.now();
        try (OutputStream in = process.getOutputStream()) {
            in.write(commands.getBytes(StandardCharsets.US_ASCII));
        }
        if (!process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException("ip -batch did not take the links down within " + WAIT.toSeconds() + " s");
        }
        if (process.exitValue() != 0) {
            throw new IOException("ip -batch failed with " + process.exitValue() + ": " + Files.readString(log).strip());
        }
        return at;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
