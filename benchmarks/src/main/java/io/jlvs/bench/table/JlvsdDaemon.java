package io.jlvs.bench.table;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.jlvs.bench.cli.CliStartupRun;
import io.jlvs.bench.scale.RunContext;
import io.jlvs.bench.scale.ScaleNamespace;

/**
 * The checkout's {@code bin/jlvsd} as an operator starts it (its launcher, its JVM options and
 * ahead-of-time cache if built, but not in the QEMU guest: see {@link #start}), in the foreground on one
 * lvs.cf in a namespace, with its lock, state file, log and (when asked for) control socket in the run's
 * directory. {@link #reload()} sends it SIGHUP as systemd's {@code ExecReload} does; {@link #close()}
 * stops it (SIGTERM) with bounded waits.
 */
final class JlvsdDaemon implements ReloadableDaemon, AutoCloseable {
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);
    private static final Duration READY_POLL = Duration.ofMillis(100);

    private final RunContext ctx;
    private final Path lvsCf;
    private final Path log;
    private final Optional<Path> controlSocket;
    private final Process process;

    private JlvsdDaemon(RunContext ctx, Path lvsCf, Path log, Optional<Path> controlSocket, Process process) {
        this.ctx = ctx;
        this.lvsCf = lvsCf;
        this.log = log;
        this.controlSocket = controlSocket;
        this.process = process;
    }

    /** Starts jlvsd on {@code lvsCf} with no control socket; returns as soon as the process exists. */
    static JlvsdDaemon start(RunContext ctx, ScaleNamespace ns, Path lvsCf) throws IOException {
        return start(ctx, ns, lvsCf, false, List.of());
    }

    /**
     * Starts jlvsd on {@code lvsCf}, with a control socket in its directory when {@code withControlSocket}
     * (for {@code jlvsctl -s}), and {@code options} added to its command line; returns as soon as the
     * process exists.
     */
    static JlvsdDaemon start(RunContext ctx, ScaleNamespace ns, Path lvsCf, boolean withControlSocket,
                             List<String> options) throws IOException {
        Path dir = Files.createDirectories(ctx.workDir().resolve("jlvsd-" + ns.name()));
        Path log = dir.resolve("jlvsd.log");
        Optional<Path> socket = withControlSocket ? Optional.of(dir.resolve("jlvsd.sock")) : Optional.empty();
        List<String> argv = new ArrayList<>(List.of(CliStartupRun.launcher("jlvsd").toString(), "-c", lvsCf.toString(),
                "--netns", ns.name(), "--node", "primary",
                "--runtime-dir", dir.toString(), "--state-file", dir.resolve("owned-services").toString()));
        if (socket.isPresent()) {
            argv.addAll(List.of("--control-socket", socket.get().toString()));
        } else {
            argv.add("--no-control-socket");
        }
        argv.addAll(options);
        ProcessBuilder pb = new ProcessBuilder(argv);
        if ("1".equals(System.getenv("JLVS_IN_VM"))) {
            // The ahead-of-time cache scripts/bench trains on the host holds code for the host's CPU:
            // jlvsd died of SIGILL in an AdapterBlob from it under QEMU's TCG CPU (measured). Without it.
            pb.environment().put("JLVS_AOT", "off");
        }
        Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        return new JlvsdDaemon(ctx, lvsCf, log, socket, p);
    }

    /**
     * Adds the devices a single director's lvs.cf names ({@link ScaleTable#lvsCf}: VIPs on {@code eth0},
     * the NAT router address on {@code eth1}) to {@code ns}, as dummies, so that jlvsd can take them.
     */
    static void addDevices(ScaleNamespace ns) throws IOException, InterruptedException {
        for (String device : List.of("eth0", "eth1")) {
            ns.exec(Duration.ofSeconds(60), "ip", "link", "add", device, "type", "dummy").orThrow();
            ns.exec(Duration.ofSeconds(60), "ip", "link", "set", device, "up").orThrow();
        }
    }

    /** Its control socket, when started with one. */
    Path controlSocket() {
        return controlSocket.orElseThrow(() -> new IllegalStateException("this jlvsd was started without a control socket"));
    }

    /**
     * Waits until jlvsd logs {@code event=ready} (its SIGHUP and SIGTERM handlers installed: a SIGHUP
     * before that ends the JVM); fails if it exits first or {@code bound} passes.
     */
    void awaitReady(Duration bound) throws IOException, InterruptedException {
        long start = System.nanoTime();
        // Only what was written since the last look (a start's log on a big table is long); the tail of
        // the last look is kept in case the line was cut in two.
        String marker = "event=ready";
        String carry = "";
        long read = 0;
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.READ)) {
            while (true) {
                ByteBuffer fresh = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, Math.max(0, ch.size() - read)));
                while (fresh.hasRemaining() && ch.read(fresh, read + fresh.position()) > 0) {
                    // read on until the buffer is full
                }
                read += fresh.position();
                String seen = carry + new String(fresh.array(), 0, fresh.position(), StandardCharsets.UTF_8);
                if (seen.contains(marker)) {
                    return;
                }
                carry = seen.substring(Math.max(0, seen.length() - marker.length()));
                requireAlive();
                if (System.nanoTime() - start > bound.toNanos()) {
                    throw new IllegalStateException("jlvsd did not log event=ready within " + bound + "; log ends: " + logTail());
                }
                Thread.sleep(READY_POLL.toMillis());
            }
        }
    }

    @Override
    public void rewriteConfig(String text) throws IOException {
        ConfigReload.replace(lvsCf, text);
    }

    @Override
    public void reload() throws IOException, InterruptedException {
        ConfigReload.hangup(ctx, process.pid());
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
