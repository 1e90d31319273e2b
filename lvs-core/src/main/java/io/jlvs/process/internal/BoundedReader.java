package io.jlvs.process.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * Drains one output pipe of a program on a virtual thread: keeps the first {@code max} bytes and
 * reads and drops the rest, so the program never blocks on a full pipe and its output costs a bounded
 * amount of memory however much it writes.
 */
final class BoundedReader {
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final int max;
    private long total;
    private Thread thread;

    private BoundedReader(int max) {
        this.max = max;
    }

    static BoundedReader start(InputStream in, int max, String name) {
        BoundedReader reader = new BoundedReader(max);
        reader.thread = Thread.ofVirtual().name(name).start(() -> reader.drain(in));
        return reader;
    }

    private void drain(InputStream in) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (this) {
                    total += n;
                    int keep = Math.min(n, max - kept.size());
                    if (keep > 0) {
                        kept.write(buffer, 0, keep);
                    }
                }
            }
        } catch (IOException ignored) {
            // the pipe closed under the read: what was read is the output
        }
    }

    /** Waits at most {@code limit} for the pipe's end (a process that escaped the kill may still hold it). */
    void await(Duration limit) throws InterruptedException {
        thread.join(limit);
    }

    synchronized byte[] bytes() {
        return kept.toByteArray();
    }

    synchronized long total() {
        return total;
    }
}
