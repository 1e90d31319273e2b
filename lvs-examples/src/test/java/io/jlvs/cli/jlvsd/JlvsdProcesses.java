package io.jlvs.cli.jlvsd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * jlvsd as child processes of the test JVM, each in a network namespace the test made, logging to
 * {@code DIR/NAME.log}; with the waits and {@code ip netns exec} helpers the jlvsd kernel tests share.
 * Every process started is killed on {@link #close()}.
 */
final class JlvsdProcesses implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(150); // a JVM starts slowly in an emulated guest

    private final Path dir;
    private final List<Process> started = new ArrayList<>();

    JlvsdProcesses(Path dir) {
        this.dir = dir;
    }

    /** Starts {@code jlvsd ARGS --netns NS --runtime-dir RUN --no-control-socket}, logging to NAME.log. */
    Process start(String name, String ns, Path runtimeDir, String... args) throws IOException {
        return start(name, ns, runtimeDir, java.util.Map.of(), args);
    }

    /** As {@link #start(String, String, Path, String...)}, with {@code env} added to its environment. */
    Process start(String name, String ns, Path runtimeDir, java.util.Map<String, String> env, String... args)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        // The child runs like this JVM: in the guest that means C1 only, which multi-threaded TCG needs
        // (a tiered JVM there crashes now and then on code patched at tier-up; see scripts/vm/run).
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-XX:TieredStopAtLevel=") || a.equals("-XX:+UseSerialGC"))
                .forEach(cmd::add);
        String backend = System.getProperty("jlvs.syscalls");
        if (backend != null) {
            cmd.add("-Djlvs.syscalls=" + backend);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Jlvsd.class.getName()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--netns", ns, "--runtime-dir", runtimeDir.toString(), "--no-control-socket"));
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
        started.add(p);
        return p;
    }

    /** Keeps {@code p} (a tcpdump, ...) to be killed with the rest. */
    Process track(Process p) {
        started.add(p);
        return p;
    }

    String log(String name) {
        try {
            Path f = dir.resolve(name + ".log");
            return Files.exists(f) ? Files.readString(f) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for {@code done} while {@code p} runs; a failure shows {@code context} and what {@code p} logged. */
    void await(String what, Process p, String name, BooleanSupplier done, Supplier<String> context)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.getAsBoolean()) {
            if (!p.isAlive()) {
                throw new AssertionError(name + " exited " + p.exitValue() + " before " + what + ":\n" + log(name));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + ";\n" + context.get() + "\n" + name
                        + " logged:\n" + log(name));
            }
            Thread.sleep(200);
        }
    }

    @Override
    public void close() {
        started.forEach(Process::destroyForcibly);
        for (Process p : started) {
            try {
                p.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
