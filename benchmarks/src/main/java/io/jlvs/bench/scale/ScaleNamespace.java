package io.jlvs.bench.scale;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.jlvs.ipvs.IpvsClient;
import io.jlvs.netlink.NetworkNamespace;

/**
 * A fresh named network namespace for one measurement ({@code ip netns add jlvs-bench-<random>}, lo up):
 * its own empty IPVS table, so runs do not see each other's rules. Deleted on {@link #close()}; the
 * {@link RunContext} closes those a run leaves open.
 */
public final class ScaleNamespace implements AutoCloseable {
    static final Duration IP_TIMEOUT = Duration.ofSeconds(120);

    private final String name;
    private final Command command;
    private boolean closed;

    private ScaleNamespace(String name, Command command) {
        this.name = name;
        this.command = command;
    }

    static ScaleNamespace create(Command command) throws IOException, InterruptedException {
        String name = "jlvs-bench-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
        command.run(IP_TIMEOUT, List.of("ip", "netns", "add", name)).orThrow();
        ScaleNamespace ns = new ScaleNamespace(name, command);
        try {
            // Without lo up the kernel refuses IPv4 real servers with EINVAL (see KERNEL-TESTING.md).
            command.run(IP_TIMEOUT, List.of("ip", "-n", name, "link", "set", "lo", "up")).orThrow();
        } catch (IOException | InterruptedException | RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    /** The name under /run/netns, as {@code ip netns exec} takes it. */
    public String name() {
        return name;
    }

    public NetworkNamespace namespace() {
        return NetworkNamespace.named(name);
    }

    /** A new client on this namespace's IPVS table; the caller closes it. */
    public IpvsClient openIpvs() {
        return IpvsClient.open(namespace());
    }

    /** Runs {@code argv} inside this namespace (through {@code ip netns exec}). */
    public Command.Output exec(Duration timeout, String... argv) throws IOException, InterruptedException {
        return exec(timeout, null, argv);
    }

    /** Runs {@code argv} inside this namespace with standard input from {@code stdin}. */
    public Command.Output exec(Duration timeout, Path stdin, String... argv) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(argv));
        return command.run(timeout, stdin, full);
    }

    /** The argument list that runs {@code argv} inside this namespace, for processes a run manages itself. */
    public List<String> inside(String... argv) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(List.of(argv));
        return full;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (closed) {
            return;
        }
        closed = true;
        command.run(IP_TIMEOUT, List.of("ip", "netns", "delete", name)).orThrow();
    }
}
