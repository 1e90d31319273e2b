package io.jlvs.health.internal.check;

import io.jlvs.health.ProbeResult;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * Runs the body of a probe and turns whatever goes wrong into a down result with a reason an
 * operator can act on; only interruption escapes, as {@link io.jlvs.health.HealthCheck#probe} promises.
 */
public final class Probes {
    private Probes() {}

    /** The work of one probe: returns the result when the server is up, throws when it is not. */
    @FunctionalInterface
    public interface Body {
        ProbeResult run(Stopwatch clock) throws IOException, ProbeFailedException, InterruptedException;
    }

    /** Elapsed time since the probe started, for the result's latency. */
    public static final class Stopwatch {
        private final long start = System.nanoTime();

        public Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - start);
        }

        public ProbeResult up(String note) {
            return ProbeResult.up(note, elapsed());
        }

        public ProbeResult upWithWeight(String note, int weight) {
            return ProbeResult.upWithWeight(note, elapsed(), weight);
        }

        public ProbeResult down(String reason) {
            return ProbeResult.down(reason, elapsed());
        }
    }

    public static ProbeResult run(Body body) throws InterruptedException {
        Stopwatch clock = new Stopwatch();
        try {
            return body.run(clock);
        } catch (ProbeFailedException e) {
            if (Thread.interrupted()) {
                throw interruption(e);
            }
            return clock.down(e.getMessage());
        } catch (IOException | RuntimeException e) {
            // A virtual thread blocked in socket I/O is woken by interrupt with the socket closed:
            // that is an interruption, not a server fault.
            if (Thread.interrupted() || e instanceof ClosedByInterruptException
                    || (e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException))) {
                throw interruption(e);
            }
            return clock.down(reason(e));
        }
    }

    private static InterruptedException interruption(Exception cause) {
        InterruptedException e = new InterruptedException("probe interrupted");
        e.initCause(cause);
        return e;
    }

    /** An exception as an operator reads it: "connection refused", "timed out after 2s", ... */
    public static String reason(Throwable e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (e instanceof ConnectException) {
            return message.toLowerCase().contains("refused") ? "connection refused" : "connect failed: " + message;
        }
        if (e instanceof SocketTimeoutException) {
            return message.isEmpty() ? "timed out" : message;
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (e instanceof PortUnreachableException) {
            return "port unreachable (ICMP)";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + message;
        }
        if (e instanceof SSLException) {
            return "TLS: " + message;
        }
        if (e instanceof IOException) {
            return message.isEmpty() ? e.getClass().getSimpleName() : message;
        }
        return e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    public static int millis(Duration duration) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
    }

    /** "2s", "1.5s", "250ms": short enough for a reason string. */
    public static String format(Duration duration) {
        long ms = duration.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return String.format("%.3fs", ms / 1000.0).replaceAll("0+s$", "s");
    }
}
