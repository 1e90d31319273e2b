package io.jlvs.health;

import io.jlvs.health.internal.check.Argv;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A real server's state, or its weight, read from a file that something else writes (a deploy tool
 * draining a server, an agent publishing its load): keepalived's {@code FILE_CHECK} with
 * {@code track_file}. The file holds one integer (leading and trailing blanks ignored).
 *
 * <p>With {@code multiplier} 0, 0 means up and any other number down. Otherwise the server is up
 * with weight {@code value × multiplier} ({@code × -multiplier} with {@code reverse}); a weight of 0
 * or less takes it down, and it is capped at 65535 (keepalived instead adds {@code value × weight} to
 * the server's configured weight; with multiplier 0 the two agree). A missing file, one that is not a regular file
 * (a FIFO would block the probe), longer than 64 bytes or without a number is down, with the reason.
 * The path may hold {@code %h} and {@code %p} (the server's address and port), so one setting names
 * one file per server.
 *
 * @param path       the file, absolute, with optional %h/%p/%%
 * @param multiplier 0, or the weight per unit of the file's value
 * @param reverse    the value counts negatively
 */
public record FileCheck(String path, int multiplier, boolean reverse) implements HealthCheck {
    /** Largest file read; a number needs far less. */
    static final int MAX_BYTES = 64;
    private static final int MAX_WEIGHT = 65535;

    public FileCheck {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("must be an absolute path, got '" + path + "'");
        }
    }

    @Override
    public ProbeResult probe(InetSocketAddress target) {
        long start = System.nanoTime();
        Path file = Path.of(Argv.substitute(path, target));
        try {
            long value = read(file);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (multiplier == 0) {
                return value == 0 ? ProbeResult.up(file + " holds 0", took)
                        : ProbeResult.down(file + " holds " + value + " (0 is up)", took);
            }
            long weight = value * multiplier * (reverse ? -1L : 1L);
            if (weight <= 0) {
                return ProbeResult.down(file + " holds " + value + ": weight " + weight, took);
            }
            return ProbeResult.upWithWeight(file + " holds " + value, took, (int) Math.min(weight, MAX_WEIGHT));
        } catch (IOException | IllegalArgumentException e) {
            return ProbeResult.down(e.getMessage(), Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private static long read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file + ": " + (Files.exists(file) ? "not a regular file" : "no such file"));
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException(file + ": longer than " + MAX_BYTES + " bytes, not one number");
        }
        String text = new String(bytes, StandardCharsets.US_ASCII).strip();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": '" + text + "' is not a whole number");
        }
    }

    @Override
    public Duration timeout() {
        return Duration.ofSeconds(1);
    }

    @Override
    public String type() {
        return "file";
    }
}
