package io.jlvs.health;

import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * Told of every finished probe, on the probe's own thread: for metrics and benchmarks (lateness =
 * {@code started - scheduled}). Must be quick and thread-safe.
 */
@FunctionalInterface
public interface ProbeObserver {
    void probed(InetSocketAddress target, HealthCheck check, Instant scheduled, Instant started, ProbeResult result);
}
