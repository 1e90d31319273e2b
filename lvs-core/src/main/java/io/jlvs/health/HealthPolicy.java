package io.jlvs.health;

import io.jlvs.ipvs.RealServer;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a service reacts to its checks: how often they run, how many results in a row flip a real
 * server, what happens to a failed one, how a recovered one is ramped back, and the service-wide
 * sorry server and quorum. Build one from {@link #defaults()} (the global defaults) or from another
 * policy ({@link #toBuilder()}) to override per service.
 *
 * @param interval        time between two probes of a real server; positive
 * @param rise            consecutive successes that bring a down server up; at least 1
 * @param fall            consecutive failures that take an up server down; at least 1
 * @param onFailure       quiesce (weight 0) or remove a failed real server
 * @param slowStart       period over which a recovered server's weight is ramped to its target;
 *                        zero for none
 * @param slowStartSteps  number of weight steps in that period; at least 1
 * @param startUp         whether servers count as up before their first results (keepalived's
 *                        default); false starts them down, needing {@code rise} successes (its alpha)
 * @param sorryServer     a real server added when no real server of the service is up
 * @param quorum          the quorum, if any
 * @param retryDelay      after a failed probe of a server not yet down (fewer than {@code fall}
 *                        failures in a row), the next probe comes this long after it instead of at the
 *                        next interval (keepalived's {@code delay_before_retry}); empty: the interval
 */
public record HealthPolicy(
        Duration interval,
        int rise,
        int fall,
        FailureAction onFailure,
        Duration slowStart,
        int slowStartSteps,
        boolean startUp,
        Optional<RealServer> sorryServer,
        Optional<Quorum> quorum,
        Optional<Duration> retryDelay) {

    private static final HealthPolicy DEFAULTS = new HealthPolicy(
            Duration.ofSeconds(6), 1, 3, FailureAction.QUIESCE, Duration.ZERO, 10, true, Optional.empty(), Optional.empty(),
            Optional.empty());

    public HealthPolicy {
        Objects.requireNonNull(interval, "health policy interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("health policy interval must be positive, got " + interval);
        }
        if (rise < 1) {
            throw new IllegalArgumentException("health policy rise must be at least 1, got " + rise);
        }
        if (fall < 1) {
            throw new IllegalArgumentException("health policy fall must be at least 1, got " + fall);
        }
        Objects.requireNonNull(onFailure, "health policy onFailure");
        Objects.requireNonNull(slowStart, "health policy slowStart");
        if (slowStart.isNegative()) {
            throw new IllegalArgumentException("health policy slowStart must not be negative, got " + slowStart);
        }
        if (slowStartSteps < 1) {
            throw new IllegalArgumentException("health policy slowStartSteps must be at least 1, got " + slowStartSteps);
        }
        Objects.requireNonNull(sorryServer, "health policy sorryServer (use Optional.empty())");
        Objects.requireNonNull(quorum, "health policy quorum (use Optional.empty())");
        Objects.requireNonNull(retryDelay, "health policy retryDelay (use Optional.empty())");
        if (retryDelay.isPresent() && (retryDelay.get().isNegative() || retryDelay.get().isZero())) {
            throw new IllegalArgumentException("health policy retryDelay must be positive, got " + retryDelay.get());
        }
    }

    /**
     * The global defaults: every 6 s (Piranha's nanny), up after 1 success, down after 3 failures,
     * quiesce on failure, no slow start, servers start up, no sorry server, no quorum.
     */
    public static HealthPolicy defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the global defaults. */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    /** A builder starting from this policy (per-service overrides of global defaults). */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a {@link HealthPolicy}; validation happens in {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private Duration interval;
        private int rise;
        private int fall;
        private FailureAction onFailure;
        private Duration slowStart;
        private int slowStartSteps;
        private boolean startUp;
        private RealServer sorryServer;
        private Quorum quorum;
        private Duration retryDelay;

        private Builder(HealthPolicy from) {
            interval = from.interval;
            rise = from.rise;
            fall = from.fall;
            onFailure = from.onFailure;
            slowStart = from.slowStart;
            slowStartSteps = from.slowStartSteps;
            startUp = from.startUp;
            sorryServer = from.sorryServer.orElse(null);
            quorum = from.quorum.orElse(null);
            retryDelay = from.retryDelay.orElse(null);
        }

        public Builder interval(Duration interval) {
            this.interval = interval;
            return this;
        }

        public Builder rise(int rise) {
            this.rise = rise;
            return this;
        }

        public Builder fall(int fall) {
            this.fall = fall;
            return this;
        }

        public Builder onFailure(FailureAction onFailure) {
            this.onFailure = onFailure;
            return this;
        }

        /** Ramp a recovered server's weight over {@code period} in {@code steps} steps (zero period: none). */
        public Builder slowStart(Duration period, int steps) {
            this.slowStart = period;
            this.slowStartSteps = steps;
            return this;
        }

        public Builder startUp(boolean startUp) {
            this.startUp = startUp;
            return this;
        }

        /** The sorry server, or null for none. */
        public Builder sorryServer(RealServer sorryServer) {
            this.sorryServer = sorryServer;
            return this;
        }

        /** The delay before retrying a failing server, or null for the interval (keepalived's delay_before_retry). */
        public Builder retryDelay(Duration retryDelay) {
            this.retryDelay = retryDelay;
            return this;
        }

        /** The quorum, or null for none. */
        public Builder quorum(Quorum quorum) {
            this.quorum = quorum;
            return this;
        }

        public HealthPolicy build() {
            return new HealthPolicy(interval, rise, fall, onFailure, slowStart, slowStartSteps, startUp,
                    Optional.ofNullable(sorryServer), Optional.ofNullable(quorum), Optional.ofNullable(retryDelay));
        }
    }
}
