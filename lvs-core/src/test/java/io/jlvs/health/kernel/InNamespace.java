package io.jlvs.health.kernel;

import io.jlvs.health.HealthCheck;
import io.jlvs.health.ProbeResult;
import io.jlvs.testing.KernelNamespace;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A production check whose probe runs on a platform thread inside a test's namespace, so that its
 * sockets live where the test's real servers listen.
 */
record InNamespace(KernelNamespace ns, HealthCheck check) implements HealthCheck {

    @Override
    public ProbeResult probe(InetSocketAddress target) throws InterruptedException {
        return ns.inside(() -> check.probe(target));
    }

    @Override
    public Duration timeout() {
        return check.timeout();
    }

    @Override
    public String type() {
        return check.type();
    }
}
