package io.jlvs.health;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a network check reaches its real server: how long it may wait for the connection, how long
 * for the answer, and which local address it speaks from.
 *
 * <p>The read timeout bounds the whole answer, not each read, so a server that drips one byte a
 * second cannot hold a probe open; a probe therefore ends within about {@link #total()}.
 *
 * @param connectTimeout longest wait for the TCP handshake (for UDP: unused, nothing to wait for)
 * @param readTimeout    longest wait for the whole exchange after connecting (TLS handshake included)
 * @param source         local address to bind before connecting, as on a director with several
 *                       addresses whose real servers only accept one of them; empty = the kernel picks
 */
public record ConnectOptions(Duration connectTimeout, Duration readTimeout, Optional<InetAddress> source) {

    /** Five seconds to connect and five to answer: keepalived's connect_timeout default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public ConnectOptions {
        requirePositive(connectTimeout, "connect timeout");
        requirePositive(readTimeout, "read timeout");
        Objects.requireNonNull(source, "source (use Optional.empty())");
    }

    /** Default timeouts, no source address. */
    public static ConnectOptions defaults() {
        return of(DEFAULT_TIMEOUT);
    }

    /** {@code timeout} for connecting and again for the answer, no source address. */
    public static ConnectOptions of(Duration timeout) {
        return new ConnectOptions(timeout, timeout, Optional.empty());
    }

    public ConnectOptions withSource(InetAddress address) {
        return new ConnectOptions(connectTimeout, readTimeout, Optional.of(address));
    }

    public ConnectOptions withConnectTimeout(Duration timeout) {
        return new ConnectOptions(timeout, readTimeout, source);
    }

    public ConnectOptions withReadTimeout(Duration timeout) {
        return new ConnectOptions(connectTimeout, timeout, source);
    }

    /** The longest one probe with these options takes: connect plus read. */
    public Duration total() {
        return connectTimeout.plus(readTimeout);
    }

    static Duration requirePositive(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " " + duration + " must be positive");
        }
        if (duration.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException(what + " " + duration + " is longer than a day");
        }
        return duration;
    }
}
