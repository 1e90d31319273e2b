package io.jlvs.health;

import io.jlvs.ipvs.RealServerAddress;
import io.jlvs.ipvs.ServiceKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One change a monitor decided or noticed, published to {@link HealthListener}s and logged once.
 *
 * @param kind       what happened
 * @param service    the virtual service
 * @param realServer the real server (the sorry server for SORRY_*), empty for quorum events
 * @param from       the state before (for quorum events: the service, up with its up weight, or removed)
 * @param to         the state after
 * @param reason     why, in operator words: the probe's reason, "slow start 2/4", "up weight 3 below quorum 4"
 * @param latency    the latency of the probe that decided it (zero when no probe did)
 * @param time       when it was decided
 */
public record HealthEvent(
        Kind kind,
        ServiceKey service,
        Optional<RealServerAddress> realServer,
        DesiredState from,
        DesiredState to,
        String reason,
        Duration latency,
        Instant time) {

    /** What a {@link HealthEvent} is about. */
    public enum Kind {
        /** A real server passed its checks {@code rise} times and is back in service. */
        UP,
        /** A real server failed {@code fall} times and was quiesced or removed. */
        DOWN,
        /** An up real server's weight changed: a slow-start step or a dynamic weight. */
        WEIGHT,
        /** The sorry server was added because no real server is up. */
        SORRY_ADDED,
        /** The sorry server was removed because a real server is up again. */
        SORRY_REMOVED,
        /** The service's up weight fell below its quorum. */
        QUORUM_LOST,
        /** The service's up weight reached its quorum again. */
        QUORUM_REGAINED,
        /** Informational: the kernel's counters suggest a real server that takes no connections. */
        PASSIVE_SUSPECT
    }

    public HealthEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(realServer, "realServer");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(time, "time");
    }

    /** "TCP 10.0.0.1:80 real server 10.0.1.2:80 DOWN: up weight 5 -> quiesced (connection refused, 1 ms)". */
    @Override
    public String toString() {
        return service + realServer.map(r -> " real server " + r).orElse("") + " " + kind + ": " + from + " -> " + to
                + " (" + reason + (latency.isZero() ? "" : ", " + latency.toMillis() + " ms") + ")";
    }
}
