package io.jlvs.bench.table;

import java.time.Duration;

import io.jlvs.ipvs.ServiceKey;

/**
 * Waits, from outside the daemon, until the kernel shows a {@link ScaleTable} complete: every service
 * and every real server. Reads with its own netlink client (a dump per service); starting ipvsadm that
 * often would measure ipvsadm.
 */
final class TableWatch {
    private static final Duration POLL = Duration.ofMillis(200);

    private TableWatch() {
    }

    /**
     * Returns the {@link System#nanoTime()} at which the table was complete: when the last service
     * first showed all its real servers (both daemons add in file order), provided the full count
     * (a dump per service, slow under emulation and not part of the time) then matches; otherwise the
     * time of a later poll at which it does. Throws when {@code daemon} died or {@code bound} has
     * passed since {@code startNanos}.
     */
    static long awaitComplete(WatchedProcess daemon, CountedClient watcher, ScaleTable table, long startNanos,
                              Duration bound) throws Exception {
        ServiceKey last = table.key(table.services() - 1);
        while (true) {
            daemon.requireAlive();
            if (System.nanoTime() - startNanos > bound.toNanos()) {
                throw new IllegalStateException(daemon.name() + " did not program " + table.operations()
                        + " entries within " + bound + "; log ends: " + daemon.logTail());
            }
            if (watcher.ipvs().service(last).isPresent()
                    && watcher.ipvs().realServers(last).size() == table.realServersPerService()) {
                long seen = System.nanoTime();
                if (watcher.countEntries() == table.operations()) {
                    return seen;
                }
            }
            Thread.sleep(POLL.toMillis());
        }
    }
}
