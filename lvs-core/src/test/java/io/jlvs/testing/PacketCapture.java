package io.jlvs.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * tcpdump running in a network namespace while a test sends frames: an independent witness of what
 * went on the wire. {@link #start} returns once tcpdump says it is listening, so nothing sent after
 * that is missed; {@link #await} returns the decoded lines once it has seen {@code count} packets.
 * Always bounded; the process is killed on {@link #close()} if still running.
 */
public final class PacketCapture implements AutoCloseable {
    private final Process process;
    private final Path out;
    private final Path err;
    private final List<String> command;

    private PacketCapture(Process process, Path out, Path err, List<String> command) {
        this.process = process;
        this.out = out;
        this.err = err;
        this.command = command;
    }

    /**
     * Starts {@code tcpdump -i iface -n -e -l -c count [extra...] filter} in namespace {@code ns}.
     * {@code extra} are further options (e.g. "-vv").
     */
    public static PacketCapture start(String ns, String iface, int count, String filter, String... extra) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns, "tcpdump", "-i", iface, "-n", "-e",
                "-l", "-c", Integer.toString(count)));
        command.addAll(List.of(extra));
        command.add(filter);
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("jlvs-tcpdump-", ".out");
            err = Files.createTempFile("jlvs-tcpdump-", ".err");
            Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            PacketCapture capture = new PacketCapture(p, out, err, command);
            capture.awaitListening();
            return capture;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Files.readString(err, StandardCharsets.UTF_8).contains("listening on")) {
            if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                String stderr = Files.readString(err, StandardCharsets.UTF_8);
                close();
                throw new AssertionError(String.join(" ", command) + " did not start listening: " + stderr);
            }
            sleep(20);
        }
    }

    /** Waits for tcpdump to have seen its count of packets and returns its output lines. */
    public List<String> await(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                String partial = Files.readString(out, StandardCharsets.UTF_8);
                close();
                throw new AssertionError(String.join(" ", command) + " did not capture its packets within " + timeout
                        + "; captured so far:\n" + partial);
            }
            return Files.readString(out, StandardCharsets.UTF_8).lines().toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What tcpdump has printed so far (the capture keeps running). */
    public List<String> linesSoFar() {
        try {
            return Files.readString(out, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        } catch (IOException ignored) {
            // leftover temp files are not worth failing a test over
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
