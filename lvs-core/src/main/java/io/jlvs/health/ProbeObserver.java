package io.jlvs.health;

import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * Told of every finished probe, on the thread that finished it (the probe's virtual thread, or one of
 * the monitor's TCP connector threads for a {@link TcpConnectCheck}): for metrics and benchmarks
 * (lateness = {@code started - scheduled}). Must be quick and thread-safe: a slow observer holds up
 * the other TCP probes of its connector thread.
 */
@FunctionalInterface
public interface ProbeObserver {
    void probed(InetSocketAddress target, HealthCheck check, Instant scheduled, Instant started, ProbeResult result);
}
