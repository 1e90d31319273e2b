package io.jlvs.health.internal;

import io.jlvs.health.HealthCheck;
import java.net.InetSocketAddress;

/**
 * What makes two probes the same probe: the same check (checks are values) against the same target.
 * Services sharing a real server and a check share one probe.
 */
public record ProbeKey(InetSocketAddress target, HealthCheck check) {
    @Override
    public String toString() {
        return check.type() + " " + target.getAddress().getHostAddress() + ":" + target.getPort();
    }
}
