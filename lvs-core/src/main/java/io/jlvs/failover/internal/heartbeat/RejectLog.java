package io.jlvs.failover.internal.heartbeat;

import java.util.HashMap;
import java.util.Map;

/**
 * Decides when a rejected datagram is worth a log line: once per source and reason per minute, so
 * a peer with the wrong key (or someone flooding forged datagrams) cannot fill the log. The table
 * is bounded; when full it starts over, which at worst logs a few lines more.
 */
public final class RejectLog {
    private static final long INTERVAL_NANOS = 60_000_000_000L;
    private static final int MAX_ENTRIES = 1024;

    private final Map<String, Long> lastLogged = new HashMap<>();

    /** Whether to log a rejection for {@code key} (source and reason) at {@code now}. */
    public boolean shouldLog(String key, long now) {
        Long last = lastLogged.get(key);
        if (last != null && now - last < INTERVAL_NANOS) {
            return false;
        }
        if (last == null && lastLogged.size() >= MAX_ENTRIES) {
            lastLogged.clear();
        }
        lastLogged.put(key, now);
        return true;
    }
}
