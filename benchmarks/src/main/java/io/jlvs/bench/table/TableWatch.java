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
     * Returns when the table is complete; throws when {@code daemon} died or {@code bound} has passed
     * since {@code startNanos}.
     */
    static void awaitComplete(WatchedProcess daemon, CountedClient watcher, ScaleTable table, long startNanos,
                              Duration bound) throws Exception {
        ServiceKey last = table.key(table.services() - 1);
        while (true) {
            daemon.requireAlive();
            if (System.nanoTime() - startNanos > bound.toNanos()) {
                throw new IllegalStateException(daemon.name() + " did not program " + table.operations()
                        + " entries within " + bound + "; log ends: " + daemon.logTail());
            }
            // Cheap test first (both daemons add the services in file order), then the full count.
            if (watcher.ipvs().service(last).isPresent()
                    && watcher.ipvs().realServers(last).size() == table.realServersPerService()
                    && watcher.countEntries() == table.operations()) {
                return;
            }
            Thread.sleep(POLL.toMillis());
        }
    }
}
