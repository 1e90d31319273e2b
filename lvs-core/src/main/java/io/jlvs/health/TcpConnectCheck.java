package io.jlvs.health;

import io.jlvs.health.internal.check.Probes;
import io.jlvs.health.internal.check.Sockets;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;

/**
 * Up when a TCP connection to the real server completes within the connect timeout (keepalived's
 * TCP_CHECK). The connection is closed at once with a reset, sending nothing and leaving
 * no TIME_WAIT socket behind.
 */
public record TcpConnectCheck(ConnectOptions options) implements HealthCheck {

    public TcpConnectCheck {
        Objects.requireNonNull(options, "options");
    }

    public static TcpConnectCheck withDefaults() {
        return new TcpConnectCheck(ConnectOptions.defaults());
    }

    @Override
    public ProbeResult probe(InetSocketAddress target) throws InterruptedException {
        return Probes.run(clock -> {
            Socket socket = Sockets.connect(target, options, true);
            socket.close();
            return clock.up("connected");
        });
    }

    /** Only the connect can take time here. */
    @Override
    public Duration timeout() {
        return options.connectTimeout();
    }

    @Override
    public String type() {
        return "tcp";
    }
}
