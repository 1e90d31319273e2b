package io.jlvs.health.internal;

import io.jlvs.health.HealthCheck;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What makes two probes the same probe: the same check (checks are values) against the same target.
 * Services sharing a real server and a check share one probe. The hash is computed once: a key is
 * looked up several times per probe, and a check's record hash walks all its settings.
 */
public final class ProbeKey {
    private final InetSocketAddress target;
    private final HealthCheck check;
    private final int hash;

    public ProbeKey(InetSocketAddress target, HealthCheck check) {
        this.target = Objects.requireNonNull(target, "target");
        this.check = Objects.requireNonNull(check, "check");
        this.hash = 31 * target.hashCode() + check.hashCode();
    }

    public InetSocketAddress target() {
        return target;
    }

    public HealthCheck check() {
        return check;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof ProbeKey k && hash == k.hash && target.equals(k.target) && check.equals(k.check);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return check.type() + " " + target.getAddress().getHostAddress() + ":" + target.getPort();
    }
}
