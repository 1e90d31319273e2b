package io.jlvs.health.kernel;

import io.jlvs.health.HealthCheck;
import io.jlvs.health.ProbeResult;
import io.jlvs.testing.KernelNamespace;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * A TCP connect check whose socket is made inside a test's namespace (where the real servers listen),
 * on a platform thread that entered it: the test's own stand-in, so these tests do not depend on the
 * production checks.
 */
record NamespaceTcpCheck(KernelNamespace ns, Duration timeout) implements HealthCheck {

    @Override
    public ProbeResult probe(InetSocketAddress target) {
        long t0 = System.nanoTime();
        try {
            Socket s = ns.inside(() -> {
                Socket socket = new Socket();
                try {
                    socket.connect(target, (int) timeout.toMillis());
                } catch (IOException e) {
                    socket.close();
                    throw e;
                }
                return socket;
            });
            s.close();
            return ProbeResult.up("connected", Duration.ofNanos(System.nanoTime() - t0));
        } catch (IOException | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return ProbeResult.down(String.valueOf(cause.getMessage()), Duration.ofNanos(System.nanoTime() - t0));
        }
    }

    @Override
    public String type() {
        return "tcp";
    }
}
