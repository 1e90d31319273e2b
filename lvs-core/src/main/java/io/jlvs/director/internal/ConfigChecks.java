package io.jlvs.director.internal;

import io.jlvs.config.ClusterSettings;
import io.jlvs.config.HealthCheckConfig;
import io.jlvs.config.LvsCfChecks;
import io.jlvs.config.VirtualServerConfig;
import io.jlvs.health.FailureAction;
import io.jlvs.health.HealthCheck;
import io.jlvs.health.HealthPolicy;
import java.time.Duration;
import java.util.Optional;

/**
 * lvs.cf's check keys as a health check and policy. The check comes from {@link LvsCfChecks} (send/expect,
 * send_program and check_* through the health module's factory); the policy from nanny's timing.
 *
 * <p>Timing follows nanny: a probe every {@code keepalive} (or {@code check_interval}), each allowed {@code timeout}; a server is
 * down after failing for {@code timeout} ({@code fall} probes in a row, at least 1) and back after
 * answering for {@code reentry} ({@code rise} probes); explicit {@code rise}/{@code fall} win. A server
 * coming back ramps to its weight over {@code slow_start}.
 */
final class ConfigChecks {
    static final int MAX_SLOW_START_STEPS = 10;
    private ConfigChecks() {
    }

    static Optional<HealthCheck> check(VirtualServerConfig v) {
        // The configuration was validated on load (LvsCfChecks in ConfigValidator), so this builds.
        return Optional.of(LvsCfChecks.check(v));
    }

    /** {@code probing} is {@link LvsCfChecks#probing} of {@code v}, which the caller has at hand. */
    static HealthPolicy policy(ClusterSettings cluster, VirtualServerConfig v, LvsCfChecks.Probing probing) {
        HealthCheckConfig h = v.health();
        Duration interval = probing.interval().orElse(
                cluster.keepalive().isZero() ? HealthPolicy.defaults().interval() : cluster.keepalive());
        int fall = h.settings().containsKey("fall") ? h.fall() : probes(h.timeout(), interval);
        int rise = h.settings().containsKey("rise") ? h.rise() : probes(h.reentry(), interval);
        return HealthPolicy.builder().interval(interval).rise(rise).fall(fall)
                .onFailure(FailureAction.quiescing(v.quiesceServer()))
                .slowStart(v.slowStart(), slowStartSteps(v.slowStart()))
                .retryDelay(probing.retryDelay().orElse(null))
                .startUp(!probing.alpha())
                .quorum(probing.quorum().orElse(null)).build();
    }

    /** slow_start ramps in one step a second, at most {@value #MAX_SLOW_START_STEPS} steps, at least one. */
    static int slowStartSteps(Duration slowStart) {
        return (int) Math.max(1, Math.min(MAX_SLOW_START_STEPS, slowStart.toSeconds()));
    }

    private static int probes(Duration span, Duration interval) {
        long n = (span.toMillis() + interval.toMillis() - 1) / Math.max(1, interval.toMillis());
        return (int) Math.max(1, Math.min(n, 100));
    }
}
