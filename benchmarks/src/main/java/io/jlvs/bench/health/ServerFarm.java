package io.jlvs.bench.health;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The health fan-out's real servers in a child JVM ({@link ServerFarmMain}): the listeners that accept
 * and those that never answer a SYN, so that the monitor's own process is measured alone, and the
 * servers' CPU, read from {@code /proc/PID/stat}, is reported beside it rather than inside it. The
 * child ends when this closes its standard input, or when this JVM dies (the pipe closes).
 */
final class ServerFarm implements AutoCloseable {
    private static final long START_SECONDS = 600;   // an emulated guest opening 10,000 listeners is slow
    private static final double CLOCK_TICKS_PER_SECOND = 100;   // USER_HZ, fixed at 100 on Linux

    private final Process process;
    private final Path errors;
    private final List<InetSocketAddress> serving = new ArrayList<>();
    private final List<InetSocketAddress> stalled = new ArrayList<>();

    private ServerFarm(Process process, Path errors) {
        this.process = process;
        this.errors = errors;
    }

    /** Starts the child with this JVM's java and class path and waits for its listeners (bounded). */
    static ServerFarm start(int serving, int timingOut, Consumer<String> log) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path errors = Files.createTempFile("jlvs-server-farm-", ".err");
        Process p = new ProcessBuilder(java, "-XX:+UseSerialGC", "-Xss256k", "-cp", System.getProperty("java.class.path"),
                ServerFarmMain.class.getName(), Integer.toString(serving), Integer.toString(timingOut))
                .redirectError(errors.toFile()).start();
        ServerFarm farm = new ServerFarm(p, errors);
        try {
            farm.readListeners(serving, timingOut);
        } catch (IOException | RuntimeException e) {
            farm.close();
            throw e;
        }
        log.accept("server farm: pid " + p.pid() + ", " + serving + " accepting and " + timingOut + " stalled listeners");
        return farm;
    }

    private void readListeners(int servingCount, int timingOutCount) throws IOException, InterruptedException {
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                if (!process.waitFor(START_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();   // unblocks the read below
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
            for (String line; (line = in.readLine()) != null; ) {
                if (line.equals("READY")) {
                    if (serving.size() != servingCount || stalled.size() != timingOutCount) {
                        throw new IOException("server farm: " + serving.size() + " accepting and " + stalled.size()
                                + " stalled listeners, asked for " + servingCount + " and " + timingOutCount);
                    }
                    return;
                }
                (line.startsWith("S ") ? serving : stalled).add(address(line));
            }
            throw new IOException("server farm ended before it was ready: " + errorsText());
        } finally {
            watchdog.interrupt();
        }
    }

    /** {@code S 127.1.0.1:40000}: a literal address (no name is looked up) and a port. */
    private static InetSocketAddress address(String line) throws IOException {
        int colon = line.lastIndexOf(':');
        if ((!line.startsWith("S ") && !line.startsWith("T ")) || colon < 0) {
            throw new IOException("server farm: unexpected line '" + line + "'");
        }
        return new InetSocketAddress(InetAddress.getByName(line.substring(2, colon)), Integer.parseInt(line.substring(colon + 1)));
    }

    List<InetSocketAddress> serving() {
        return List.copyOf(serving);
    }

    List<InetSocketAddress> stalled() {
        return List.copyOf(stalled);
    }

    /** The child's CPU time so far (user + system, all its threads), in nanoseconds, from /proc. */
    long cpuNanos() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        // Fields after the command's closing parenthesis: state is field 3, utime 14, stime 15.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return Math.round(ticks / CLOCK_TICKS_PER_SECOND * 1e9);
    }

    /** Throws with the child's error when it is no longer serving. */
    void checkServing() throws IOException {
        if (!process.isAlive()) {
            throw new IOException("the server farm (pid " + process.pid() + ") exited " + process.exitValue() + ": " + errorsText());
        }
    }

    private String errorsText() {
        try {
            return Files.readString(errors).strip();
        } catch (IOException e) {
            return "(its error output is unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();   // end of its input: it closes the listeners and exits
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException ignored) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            try {
                Files.deleteIfExists(errors);
            } catch (IOException ignored) {
                // a temporary file left behind is all
            }
        }
    }
}
