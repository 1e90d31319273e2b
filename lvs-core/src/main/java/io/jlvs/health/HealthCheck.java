package io.jlvs.health;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * One way of asking a real server whether it serves: a TCP connect, an HTTP GET, a program, ...
 *
 * <p>Implementations are immutable values (records) with value equality: two equal checks against
 * the same target are the same probe, which is how a monitor runs one probe for several virtual
 * services that share a real server. A check holds its own timeouts and optional source address;
 * how often it runs and how many results flip a server (interval, rise, fall) belong to the policy
 * that schedules it.
 */
public interface HealthCheck {

    /**
     * Probes {@code target} once and blocks until the answer, for at most about {@link #timeout()}.
     * A server that is down, slow, refuses or answers garbage gives a {@link ProbeResult#down} with
     * the reason; only interruption escapes. Called on virtual threads, many at once.
     */
    ProbeResult probe(InetSocketAddress target) throws InterruptedException;

    /** The longest one probe may take, connect and read included. */
    Duration timeout();

    /** A short lower-case name for logs and metrics: "tcp", "http", "program", ... */
    String type();
}
