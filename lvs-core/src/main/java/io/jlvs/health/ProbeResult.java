package io.jlvs.health;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What one probe found.
 *
 * @param up      whether the server answered as expected
 * @param reason  why it is down, or a short note when up ("200 OK", "exit 0"); never null
 * @param latency how long the probe took
 * @param weight  a weight the server asked for (a program's exit code or output, as keepalived's
 *                misc_dynamic), or empty to keep the configured weight
 */
public record ProbeResult(boolean up, String reason, Duration latency, OptionalInt weight) {

    public ProbeResult {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(weight, "weight");
    }

    public static ProbeResult up(String note, Duration latency) {
        return new ProbeResult(true, note, latency, OptionalInt.empty());
    }

    public static ProbeResult upWithWeight(String note, Duration latency, int weight) {
        return new ProbeResult(true, note, latency, OptionalInt.of(weight));
    }

    public static ProbeResult down(String reason, Duration latency) {
        return new ProbeResult(false, reason, latency, OptionalInt.empty());
    }
}
