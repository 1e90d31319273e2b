package io.jlvs.health;

import io.jlvs.ipvs.RealServerAddress;
import io.jlvs.ipvs.RealServerEntry;
import io.jlvs.ipvs.ServiceKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A passive health signal read from IPVS itself: a real server whose inactive connection count keeps
 * climbing while its active count stays 0 is probably dropping or refusing what the director sends
 * it (connections that never reach ESTABLISHED linger as inactive). Reported once per episode as an
 * informational {@link HealthEvent.Kind#PASSIVE_SUSPECT} event; it never changes a weight.
 *
 * <p>The caller polls ({@link #poll}) at its own pace, e.g. every few seconds, with a reader such as
 * {@code ipvs::realServers}. Not thread-safe.
 */
public final class PassiveSignal {
    private final Function<ServiceKey, List<RealServerEntry>> reader;
    private final int polls;
    private final Map<ServiceKey, Map<RealServerAddress, Trend>> trends = new HashMap<>();

    private static final class Trend {
        int lastInactive = -1;
        int climbs;
        boolean reported;
    }

    /**
     * @param reader reads a service's real servers with their counts (e.g. {@code ipvs::realServers})
     * @param polls  how many polls in a row inactive must grow with active at 0; at least 2
     */
    public PassiveSignal(Function<ServiceKey, List<RealServerEntry>> reader, int polls) {
        this.reader = Objects.requireNonNull(reader, "reader");
        if (polls < 2) {
            throw new IllegalArgumentException("passive signal polls must be at least 2, got " + polls);
        }
        this.polls = polls;
    }

    /** Reads every service in {@code services} once and returns the new suspects' events. */
    public List<HealthEvent> poll(List<ServiceKey> services, Instant now) {
        List<HealthEvent> events = new java.util.ArrayList<>();
        for (ServiceKey key : services) {
            Map<RealServerAddress, Trend> byServer = trends.computeIfAbsent(key, k -> new HashMap<>());
            Set<RealServerAddress> seen = new HashSet<>();
            for (RealServerEntry e : reader.apply(key)) {
                seen.add(e.key());
                Trend t = byServer.computeIfAbsent(e.key(), k -> new Trend());
                boolean climbing = t.lastInactive >= 0 && e.activeConnections() == 0 && e.inactiveConnections() > t.lastInactive;
                if (climbing) {
                    t.climbs++;
                } else if (e.activeConnections() > 0 || e.inactiveConnections() < t.lastInactive) {
                    t.climbs = 0;
                    t.reported = false;
                }
                t.lastInactive = e.inactiveConnections();
                if (t.climbs >= polls - 1 && !t.reported) {
                    t.reported = true;
                    DesiredState state = DesiredState.up(e.server().weight());
                    events.add(new HealthEvent(HealthEvent.Kind.PASSIVE_SUSPECT, key, Optional.of(e.key()), state, state,
                            "inactive connections climbed to " + e.inactiveConnections() + " over " + polls
                                    + " polls with no active connection", Duration.ZERO, now));
                }
            }
            byServer.keySet().retainAll(seen);
        }
        return events;
    }
}
