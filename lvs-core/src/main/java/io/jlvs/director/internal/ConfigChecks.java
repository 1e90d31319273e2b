package io.jlvs.director.internal;

import io.jlvs.config.ClusterSettings;
import io.jlvs.config.HealthCheckConfig;
import io.jlvs.config.VirtualServerConfig;
import io.jlvs.health.ConnectOptions;
import io.jlvs.health.Expectation;
import io.jlvs.health.FailureAction;
import io.jlvs.health.HealthCheck;
import io.jlvs.health.HealthPolicy;
import io.jlvs.health.SendExpectCheck;
import io.jlvs.health.TcpConnectCheck;
import java.time.Duration;
import java.util.Optional;

/**
 * lvs.cf's nanny keys as a health check and policy, for the keys Piranha has: {@code send} and
 * {@code expect} (with {@code use_regex}) become a TCP send/expect check, no check keys a TCP connect.
 * {@code send_program} and the jLVS {@code check_*} types are not mapped here: such a service is
 * not checked (logged), until the health module's own factory takes this over.
 *
 * <p>Timing follows nanny: a probe every {@code keepalive}, each allowed {@code timeout}; a server is
 * down after failing for {@code timeout} ({@code fall} probes in a row, at least 1) and back after
 * answering for {@code reentry} ({@code rise} probes); explicit {@code rise}/{@code fall} win.
 */
final class ConfigChecks {
    private ConfigChecks() {
    }

    static Optional<HealthCheck> check(VirtualServerConfig v) {
        HealthCheckConfig h = v.health();
        ConnectOptions options = ConnectOptions.of(h.timeout());
        if (h.sendProgram().isPresent() || h.checkType().isPresent()) {
            return Optional.empty();
        }
        if (h.send().isPresent() || h.expect().isPresent()) {
            Expectation expect = h.expect().map(e -> h.useRegex() ? Expectation.regex(e) : Expectation.literal(e))
                    .orElse(Expectation.none());
            return Optional.of(SendExpectCheck.tcp(h.send().orElse(""), expect).withOptions(options));
        }
        return Optional.of(new TcpConnectCheck(options));
    }

    static HealthPolicy policy(ClusterSettings cluster, VirtualServerConfig v) {
        HealthCheckConfig h = v.health();
        Duration interval = cluster.keepalive().isZero() ? HealthPolicy.defaults().interval() : cluster.keepalive();
        int fall = h.settings().containsKey("fall") ? h.fall() : probes(h.timeout(), interval);
        int rise = h.settings().containsKey("rise") ? h.rise() : probes(h.reentry(), interval);
        return HealthPolicy.builder().interval(interval).rise(rise).fall(fall)
                .onFailure(v.quiesceServer() ? FailureAction.QUIESCE : FailureAction.REMOVE).build();
    }

    private static int probes(Duration span, Duration interval) {
        long n = (span.toMillis() + interval.toMillis() - 1) / Math.max(1, interval.toMillis());
        return (int) Math.max(1, Math.min(n, 100));
    }
}
