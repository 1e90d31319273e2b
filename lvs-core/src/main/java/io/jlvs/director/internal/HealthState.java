package io.jlvs.director.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What the health checks last concluded about one real server.
 *
 * @param status  UNKNOWN until the first verdict; such a server is programmed (a restart or reload
 *                must not empty a service that was serving)
 * @param reason  the last probe's note or failure reason
 * @param latency the last probe's duration, zero when none ran
 * @param weight  a weight the check asked for (dynamic weight), else empty
 */
public record HealthState(Status status, String reason, Duration latency, OptionalInt weight) {

    public enum Status { UNKNOWN, UP, DOWN }

    public static final HealthState UNKNOWN = new HealthState(Status.UNKNOWN, "not checked yet", Duration.ZERO, OptionalInt.empty());

    public HealthState {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(weight, "weight");
    }

    public boolean isDown() {
        return status == Status.DOWN;
    }
}
