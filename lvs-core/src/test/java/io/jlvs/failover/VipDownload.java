package io.jlvs.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.testing.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A long download through the VIP of a {@link ReferenceCluster}, by curl in the client's namespace,
 * for the tests that fail over while it runs: the real servers send at 1 Mbit/s (tbf; curl's
 * --limit-rate does not hold a fast local transfer back) until the failover is over, a watcher records
 * the longest stall, and {@link #finish} checks curl's exit status, the byte count and the SHA-256
 * against the file's.
 */
public final class VipDownload implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final ReferenceCluster cluster;
    private final String file;
    private final int size;
    private final Path out;
    private final Process curl;
    private final Thread watcher;
    private volatile long longestStallNanos;
    private long beforeFailover = -1;

    private VipDownload(ReferenceCluster cluster, String file, int size, Path out, Process curl) {
        this.cluster = cluster;
        this.file = file;
        this.size = size;
        this.out = out;
        this.curl = curl;
        this.watcher = Thread.ofPlatform().daemon(true).start(this::watch);
    }

    /**
     * Starts downloading a new file of {@code size} bytes (3 MiB last about 25 s) from the real servers
     * rs1 and rs2 through the VIP, once both serve it; returns when curl has received some of it.
     */
    public static VipDownload start(ReferenceCluster c, String file, int size) throws IOException {
        c.writeFile(file, size);
        for (String rs : List.of("rs1", "rs2")) {
            c.sh(rs, "tc qdisc replace dev eth0 root tbf rate 1mbit burst 16kb latency 500ms");
        }
        Path out = Files.createTempFile("jlvs-download", ".bin");
        Process curl = new ProcessBuilder("ip", "netns", "exec", c.name("client"), "curl", "-sS", "--max-time", "280",
                "-o", out.toString(), "-w", "%{size_download}", "http://" + ReferenceCluster.VIP + "/" + file)
                .redirectErrorStream(true).start();
        VipDownload d = new VipDownload(c, file, size, out, curl);
        try {
            Poll.until(WAIT, "the download under way", d::received, n -> n > 200_000);
            return d;
        } catch (RuntimeException | Error e) {
            d.close();
            throw e;
        }
    }

    /** Waits until {@code director}'s IPVS table holds the download's connection, ESTABLISHED (synced). */
    public void awaitSyncedTo(String director) {
        Poll.until(WAIT, "the connection in " + director + "'s table (synced)", () -> cluster.sh(director, "ipvsadm -Lnc")
                + "\n-- sync daemons: " + cluster.try_(director, "ipvsadm -L --daemon").stdout(),
                t -> t.substring(0, t.indexOf("-- sync daemons")).contains("ESTABLISHED"));
    }

    /** Remembers how much had arrived when the failover began, for {@link #finish}. */
    public void failoverBegins() {
        beforeFailover = received();
        assertTrue(beforeFailover < size, "the download was still running when the failover began");
    }

    /**
     * Called once the failover is over (the new director active): lifts the real servers' rate limit, so
     * that the rest of the file, still through the new director, comes at once instead of taking the
     * suite's time; then waits for curl to end and checks that the whole file arrived intact, without a
     * reset; prints the bytes before the failover and the longest stall.
     */
    public void finish(String what) throws Exception {
        for (String rs : List.of("rs1", "rs2")) {
            cluster.sh(rs, "tc qdisc del dev eth0 root");
        }
        assertTrue(curl.waitFor(300, TimeUnit.SECONDS), "download still running");
        watcher.join(5_000);
        String curlSaid = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, curl.exitValue(), "curl failed across " + what + ": " + curlSaid);
        assertEquals(size, Files.size(out), "bytes received: " + curlSaid);
        assertEquals(cluster.sha256(file), FailoverKernelIT.sha256(out), "the content arrived intact");
        System.out.printf("download across %s: %d bytes (%d before it), none lost, longest stall %.2f s%n", what, size,
                beforeFailover, longestStallNanos / 1e9);
    }

    private long received() {
        try {
            return Files.exists(out) ? Files.size(out) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private void watch() {
        long last = -1;
        long since = System.nanoTime();
        while (curl.isAlive()) {
            long n = received();
            long now = System.nanoTime();
            if (n != last) {
                last = n;
                since = now;
            } else {
                longestStallNanos = Math.max(longestStallNanos, now - since);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        curl.destroyForcibly();
        watcher.interrupt();
        try {
            Files.deleteIfExists(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
