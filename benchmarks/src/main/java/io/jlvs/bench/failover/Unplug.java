package io.jlvs.bench.failover;

import io.jlvs.bench.scale.ScaleNamespace;
import io.jlvs.netlink.route.RouteClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Takes a director's links down at a known instant: an {@code ip -batch -} process is started in its
 * namespace beforehand and is known to be reading its commands (it has added a marker address to
 * {@code lo}, seen over rtnetlink), so that {@link #pull} only writes them: a process start takes a
 * large, varying part of a second under emulation, which would otherwise blur the instant the failover
 * is timed from; and {@link #pull} watches the links go down, since the director is only cut off once
 * the last one has.
 */
final class Unplug implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Added to lo by ip's first command: once it is there, ip is reading the next. */
    private static final InetAddress MARKER = FailoverTimeRun.ip("127.0.0.99");

    private final Process process;
    private final Path log;
    private final String commands;
    private final ScaleNamespace ns;
    private final List<String> interfaces;

    private Unplug(Process process, Path log, String commands, ScaleNamespace ns, List<String> interfaces) {
        this.process = process;
        this.log = log;
        this.commands = commands;
        this.ns = ns;
        this.interfaces = interfaces;
    }

    /**
     * When the commands were handed to ip, and when every link was seen down (rtnetlink, polled every
     * millisecond): the director is cut off only then. Taking a veth down can take a large part of a
     * second under emulation, while heartbeats still pass on the other link.
     */
    record Unplugged(Instant asked, Instant down) {}

    /**
     * Ready to take {@code interfaces} of {@code ns} down (its output goes to {@code log}): returns once
     * ip has run a first command and waits for the next.
     */
    static Unplug prepare(ScaleNamespace ns, Path log, String... interfaces) throws IOException, InterruptedException {
        StringBuilder c = new StringBuilder();
        for (String i : interfaces) {
            c.append("link set ").append(i).append(" down\n");
        }
        c.append("addr del ").append(MARKER.getHostAddress()).append("/32 dev lo\n");
        Process p = new ProcessBuilder(ns.inside("ip", "-batch", "-")).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        Unplug unplug = new Unplug(p, log, c.toString(), ns, List.of(interfaces));
        try (RouteClient route = RouteClient.open(ns.namespace())) {
            OutputStream in = p.getOutputStream();
            in.write(("addr add " + MARKER.getHostAddress() + "/32 dev lo\n").getBytes(StandardCharsets.US_ASCII));
            in.flush();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (route.addresses("lo").stream().noneMatch(a -> a.address().equals(MARKER))) {
                if (!p.isAlive() || System.nanoTime() - deadline > 0) {
                    unplug.close();
                    throw new IOException("ip -batch was not ready within " + WAIT.toSeconds() + " s: "
                            + Files.readString(log).strip());
                }
                Thread.sleep(5);
            }
        }
        return unplug;
    }

    /**
     * Takes the links down, watching them go. Throws when ip failed, or a link was still up, or ip had
     * not finished, a minute later.
     */
    Unplugged pull() throws IOException, InterruptedException {
        Instant at;
        Instant down;
        try (RouteClient route = RouteClient.open(ns.namespace())) {
            at = Instant.now();
            try (OutputStream in = process.getOutputStream()) {
                in.write(commands.getBytes(StandardCharsets.US_ASCII));
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (interfaces.stream().anyMatch(i -> route.requireLink(i).up())) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException("links " + interfaces + " still up " + WAIT.toSeconds() + " s after ip was told");
                }
                Thread.sleep(1);
            }
            down = Instant.now();
        }
        if (!process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException("ip -batch did not take the links down within " + WAIT.toSeconds() + " s");
        }
        if (process.exitValue() != 0) {
            throw new IOException("ip -batch failed with " + process.exitValue() + ": " + Files.readString(log).strip());
        }
        return new Unplugged(at, down);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
