package io.jlvs.bench.table;

import java.time.Duration;

import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerEntry;
import io.jlvs.ipvs.ServiceKey;

/**
 * Watches, from outside whoever makes the change, until the kernel shows one real server with a new
 * weight: a dump of that service's real servers every {@value #POLL_MS} ms with this process's own
 * netlink client (starting ipvsadm that often would measure ipvsadm). The same watch times every side
 * of the weight-change run, so the poll's granularity is the same for all.
 */
final class WeightWatch {
    static final int POLL_MS = 10;

    /** Checked before every poll: throws when the change can no longer come (its process died or failed). */
    @FunctionalInterface
    interface Liveness {
        void require() throws Exception;
    }

    private WeightWatch() {
    }

    /**
     * Returns the {@link System#nanoTime()} of the first poll at which {@code server} of {@code key} had
     * {@code weight}; the first poll is at once. Throws when {@code alive} does, or when {@code bound}
     * has passed since {@code startNanos} ({@code what} names the change in the message).
     */
    static long await(CountedClient watcher, ServiceKey key, RealServer server, int weight, long startNanos,
                      Duration bound, String what, Liveness alive) throws Exception {
        while (true) {
            if (weight(watcher, key, server) == weight) {
                return System.nanoTime();
            }
            alive.require();
            if (System.nanoTime() - startNanos > bound.toNanos()) {
                throw new IllegalStateException(what + ": the kernel did not show weight " + weight + " for "
                        + server.key() + " within " + bound);
            }
            Thread.sleep(POLL_MS);
        }
    }

    /** The weight the kernel has for {@code server} in {@code key}, or -1 when the server is not there. */
    static int weight(CountedClient watcher, ServiceKey key, RealServer server) {
        for (RealServerEntry e : watcher.ipvs().realServers(key)) {
            if (e.key().equals(server.key())) {
                return e.server().weight();
            }
        }
        return -1;
    }
}
