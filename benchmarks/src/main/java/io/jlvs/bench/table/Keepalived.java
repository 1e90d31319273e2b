package io.jlvs.bench.table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.jlvs.bench.scale.RunContext;
import io.jlvs.bench.scale.ScaleNamespace;

/**
 * keepalived in the foreground inside a namespace, either its checker process only (virtual servers, no
 * VRRP: {@link #start}) or its VRRP process only (floating addresses: {@link #startVrrp}), with its own
 * pid files and its log in the run's directory, so that several can run on one machine. {@link #close()}
 * stops it and every process it started, with bounded waits.
 */
public final class Keepalived implements ReloadableDaemon, AutoCloseable {
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    private final RunContext ctx;
    private final Path config;
    private final Path log;
    private final Process process;

    private Keepalived(RunContext ctx, Path config, Path log, Process process) {
        this.ctx = ctx;
        this.config = config;
        this.log = log;
        this.process = process;
    }

    /** The checker process only ({@code --check}): the virtual servers of {@code configText}. */
    static Keepalived start(RunContext ctx, ScaleNamespace ns, String configText) throws IOException {
        return start(ctx, ns, configText, "--check");
    }

    /** The VRRP process only ({@code --vrrp}): the vrrp_instances of {@code configText}. */
    public static Keepalived startVrrp(RunContext ctx, ScaleNamespace ns, String configText) throws IOException {
        return start(ctx, ns, configText, "--vrrp");
    }

    private static Keepalived start(RunContext ctx, ScaleNamespace ns, String configText, String process)
            throws IOException {
        Path dir = Files.createDirectories(ctx.workDir().resolve("keepalived-" + ns.name()));
        Path config = Files.writeString(dir.resolve("keepalived.conf"), configText);
        Path log = dir.resolve("keepalived.log");
        List<String> argv = new ArrayList<>(ns.inside("keepalived", "--dont-fork", process, "--log-console",
                "--log-detail", "--use-file=" + config,
                "--pid=" + dir.resolve("keepalived.pid"), "--checkers_pid=" + dir.resolve("checkers.pid"),
                "--vrrp_pid=" + dir.resolve("vrrp.pid")));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        return new Keepalived(ctx, config, log, p);
    }

    @Override
    public void rewriteConfig(String configText) throws IOException {
        ConfigReload.replace(config, configText);
    }

    /** SIGHUP: keepalived re-reads its configuration and applies the difference. */
    @Override
    public void reload() throws IOException, InterruptedException {
        ConfigReload.hangup(ctx, process.pid());
    }

    @Override
    public String name() {
        return "keepalived";
    }

    @Override
    public void requireAlive() throws IOException {
        if (!process.isAlive()) {
            throw new IOException("keepalived exited with " + process.exitValue() + "; log ends: " + logTail());
        }
    }

    /** Its log so far (console output: keepalived's state changes with their times). */
    public Path log() {
        return log;
    }

    @Override
    public String logTail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
    }

    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy(); // SIGTERM: keepalived takes its children down (and deletes its services, slowly)
        if (!process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle child : children) {
            child.destroyForcibly();
        }
    }
}
