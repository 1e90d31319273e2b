package io.jlvs.bench.table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.jlvs.bench.cli.CliStartupRun;
import io.jlvs.bench.scale.RunContext;
import io.jlvs.bench.scale.ScaleNamespace;

/**
 * The checkout's {@code bin/jlvsd} as an operator starts it (its launcher, its JVM options and
 * ahead-of-time cache if built, but not in the QEMU guest: see {@link #start}), in the foreground on one lvs.cf in a namespace, with its lock, state
 * file and log in the run's directory and no control socket. {@link #close()} stops it (SIGTERM) with
 * bounded waits.
 */
final class JlvsdDaemon implements WatchedProcess, AutoCloseable {
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    private final Path log;
    private final Process process;

    private JlvsdDaemon(Path log, Process process) {
        this.log = log;
        this.process = process;
    }

    /** Starts jlvsd on {@code lvsCf}; returns as soon as the process exists. */
    static JlvsdDaemon start(RunContext ctx, ScaleNamespace ns, Path lvsCf) throws IOException {
        Path dir = Files.createDirectories(ctx.workDir().resolve("jlvsd-" + ns.name()));
        Path log = dir.resolve("jlvsd.log");
        List<String> argv = new ArrayList<>(List.of(CliStartupRun.launcher("jlvsd").toString(), "-c", lvsCf.toString(),
                "--netns", ns.name(), "--node", "primary", "--no-control-socket",
                "--runtime-dir", dir.toString(), "--state-file", dir.resolve("owned-services").toString()));
        ProcessBuilder pb = new ProcessBuilder(argv);
        if ("1".equals(System.getenv("JLVS_IN_VM"))) {
            // The ahead-of-time cache scripts/bench trains on the host holds code for the host's CPU:
            // jlvsd died of SIGILL in an AdapterBlob from it under QEMU's TCG CPU (measured). Without it.
            pb.environment().put("JLVS_AOT", "off");
        }
        Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        return new JlvsdDaemon(log, p);
    }

    @Override
    public String name() {
        return "jlvsd";
    }

    @Override
    public void requireAlive() throws IOException {
        if (!process.isAlive()) {
            throw new IOException("jlvsd exited with " + process.exitValue() + "; log ends: " + logTail());
        }
    }

    @Override
    public String logTail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
    }

    /** The log so far, line by line. */
    List<String> logLines() throws IOException {
        return Files.readAllLines(log);
    }

    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList(); // the launcher's java
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        if (!process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle child : children) {
            child.destroyForcibly();
        }
    }
}
