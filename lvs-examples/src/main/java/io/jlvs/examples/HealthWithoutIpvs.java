package io.jlvs.examples;

import io.jlvs.health.Actuator;
import io.jlvs.health.Change;
import io.jlvs.health.HealthMonitor;
import io.jlvs.health.HealthPolicy;
import io.jlvs.health.TcpConnectCheck;
import io.jlvs.health.WatchedServer;
import io.jlvs.health.WatchedService;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.VirtualService;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * jLVS's health checks with no IPVS at all: a {@link HealthMonitor} probes servers with TCP connects
 * and a custom {@link Actuator} receives its decisions (here: one line per change to {@code sink}; a
 * service registry or a DNS updater would do the same). No root, no kernel module, no native code.
 *
 * <pre>
 * java ... io.jlvs.examples.HealthWithoutIpvs 127.0.0.1:8080 127.0.0.1:8081
 * </pre>
 */
public final class HealthWithoutIpvs {
    private HealthWithoutIpvs() {
    }

    /** Starts watching {@code servers} every {@code interval}; close the monitor to stop. */
    public static HealthMonitor watch(List<InetSocketAddress> servers, Duration interval, Consumer<String> sink) {
        // A virtual service only names the group: this actuator never programs anything.
        ServiceKey group = ServiceKey.tcp(InetAddress.getLoopbackAddress(), 1);
        List<WatchedServer> watched = servers.stream()
                .map(s -> WatchedServer.of(RealServer.builder(s.getAddress(), s.getPort()).build(), TcpConnectCheck.withDefaults()))
                .toList();
        WatchedService service = new WatchedService(VirtualService.builder(group).build(), watched,
                HealthPolicy.builder().interval(interval).build());
        Actuator report = changes -> changes.forEach(c -> {
            if (c instanceof Change.RealServerChange r) {
                sink.accept(r.server().key() + ": " + r.from() + " -> " + r.to());
            }
        });
        HealthMonitor monitor = HealthMonitor.builder(report).watch(service).build();
        monitor.start();
        return monitor;
    }

    public static void main(String[] args) throws Exception {
        List<InetSocketAddress> servers = java.util.Arrays.stream(args).map(a -> {
            int colon = a.lastIndexOf(':');
            return new InetSocketAddress(a.substring(0, colon), Integer.parseInt(a.substring(colon + 1)));
        }).toList();
        try (HealthMonitor monitor = watch(servers, Duration.ofSeconds(2), System.out::println)) {
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
