package io.jlvs.director.internal;

import io.jlvs.ipvs.RealServerAddress;
import io.jlvs.ipvs.RealServerEntry;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.Stats;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The Prometheus endpoint of one director: a private registry (no global state) with one collector
 * that reads, at scrape time, what the director already holds: the IPVS table as its last full read
 * found it (counters per service and real server), the health overlay, the role, and the reconcile
 * counters. A scrape never reads the kernel.
 *
 * <p>Services and real servers carry the labels of node_exporter's IPVS collector, which operators
 * already scrape and graph: {@code local_address}, {@code local_port}, {@code local_mark} (a firewall
 * mark, else empty), {@code proto} (TCP, UDP, SCTP or FWM), and for a real server {@code remote_address}
 * and {@code remote_port}; plus the lvs.cf names, {@code virtual} and {@code server} (empty for what the
 * configuration does not name). A series with no value is absent, never a sentinel: a server not
 * checked yet has no {@code jlvs_health_up}.
 */
public final class DirectorMetrics implements AutoCloseable {

    /** What one scrape reads. */
    public record View(KernelSnapshot table, List<ServerHealth> health, Role role, long failovers, ReconcileStats stats,
            String heartbeatAuthentication, Names names) {

        public View {
            Objects.requireNonNull(names, "names");
        }

        /** A view with no lvs.cf names. */
        public View(KernelSnapshot table, List<ServerHealth> health, Role role, long failovers, ReconcileStats stats,
                String heartbeatAuthentication) {
            this(table, health, role, failovers, stats, heartbeatAuthentication, Names.NONE);
        }

        /** A view without failover: no heartbeats to authenticate. */
        public View(KernelSnapshot table, List<ServerHealth> health, Role role, long failovers, ReconcileStats stats) {
            this(table, health, role, failovers, stats, HeartbeatAuthentication.NONE.label());
        }
    }

    /** The lvs.cf names of services ({@code virtual NAME}) and of their real servers ({@code server NAME}). */
    public record Names(Map<ServiceKey, String> virtuals, Map<ServerRef, String> servers) {
        public static final Names NONE = new Names(Map.of(), Map.of());

        public Names {
            virtuals = Map.copyOf(virtuals);
            servers = Map.copyOf(servers);
        }
    }

    /** The version in the jar's manifest, or "dev" when run from classes. */
    private static final String VERSION = Optional.ofNullable(DirectorMetrics.class.getPackage().getImplementationVersion())
            .orElse("dev");

    public record ServerHealth(ServerRef ref, HealthState state) {
    }

    private final HTTPServer server;
    private final InetSocketAddress address;

    private DirectorMetrics(HTTPServer server, InetSocketAddress address) {
        this.server = server;
        this.address = address;
    }

    /** Serves {@code /metrics} on {@code bind} (port 0 picks a free one; see {@link #address()}). */
    public static DirectorMetrics start(InetSocketAddress bind, Supplier<View> view) {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(collector(view));
        try {
            HTTPServer s = HTTPServer.builder().inetAddress(bind.getAddress()).port(bind.getPort())
                    .registry(registry).buildAndStart();
            return new DirectorMetrics(s, new InetSocketAddress(bind.getAddress(), s.getPort()));
        } catch (IOException e) {
            throw new UncheckedIOException("metrics endpoint " + bind + ": " + e.getMessage(), e);
        }
    }

    public InetSocketAddress address() {
        return address;
    }

    /** Whether {@code bind} serves more than this host: any address but a loopback one (0.0.0.0 too). */
    public static boolean reachableFromOtherHosts(InetSocketAddress bind) {
        return !bind.getAddress().isLoopbackAddress();
    }

    /** The collector alone, for a caller's own registry. */
    public static MultiCollector collector(Supplier<View> view) {
        return () -> snapshots(view.get());
    }

    static MetricSnapshots snapshots(View v) {
        List<MetricSnapshot> out = new ArrayList<>();
        serviceCounter(out, v, "jlvs_service_connections", "Connections scheduled by the virtual service", Stats::connections);
        serviceCounter(out, v, "jlvs_service_in_packets", "Packets into the virtual service", Stats::inPackets);
        serviceCounter(out, v, "jlvs_service_out_packets", "Packets out of the virtual service", Stats::outPackets);
        serviceCounter(out, v, "jlvs_service_in_bytes", "Bytes into the virtual service", Stats::inBytes);
        serviceCounter(out, v, "jlvs_service_out_bytes", "Bytes out of the virtual service", Stats::outBytes);
        serverCounter(out, v, "jlvs_real_server_connections", "Connections scheduled to the real server", e -> e.stats().connections());
        serverCounter(out, v, "jlvs_real_server_in_bytes", "Bytes to the real server", e -> e.stats().inBytes());
        serverCounter(out, v, "jlvs_real_server_out_bytes", "Bytes from the real server", e -> e.stats().outBytes());
        serverGauge(out, v, "jlvs_real_server_active_connections", "Active connections (ipvsadm ActiveConn)", RealServerEntry::activeConnections);
        serverGauge(out, v, "jlvs_real_server_inactive_connections", "Inactive connections (ipvsadm InActConn)", RealServerEntry::inactiveConnections);
        serverGauge(out, v, "jlvs_real_server_weight", "Weight in the kernel now", e -> e.server().weight());

        GaugeSnapshot.Builder up = GaugeSnapshot.builder().name("jlvs_health_up")
                .help("Health verdict per real server: 1 up, 0 down; absent until its first verdict");
        GaugeSnapshot.Builder latency = GaugeSnapshot.builder().name("jlvs_health_probe_latency_seconds")
                .help("Duration of the last health probe; absent until its first verdict");
        for (ServerHealth h : v.health()) {
            if (h.state().status() == HealthState.Status.UNKNOWN) {
                continue;
            }
            Labels l = serverLabels(v.names(), h.ref().service(), h.ref().server());
            up.dataPoint(GaugeDataPointSnapshot.builder().labels(l)
                    .value(h.state().status() == HealthState.Status.UP ? 1 : 0).build());
            latency.dataPoint(GaugeDataPointSnapshot.builder().labels(l).value(h.state().latency().toNanos() / 1e9).build());
        }
        out.add(up.build());
        out.add(latency.build());

        GaugeSnapshot.Builder role = GaugeSnapshot.builder().name("jlvs_role").help("1 for this director's current failover role");
        for (Role r : Role.values()) {
            role.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("role", r.name())).value(r == v.role() ? 1 : 0).build());
        }
        out.add(role.build());
        out.add(counter("jlvs_failovers", "Times this director became active", v.failovers()));
        // One series per mode, like jlvs_role, so an alert can fire on mode="insecure".
        GaugeSnapshot.Builder auth = GaugeSnapshot.builder().name("jlvs_heartbeat_authentication")
                .help("1 for how heartbeats are authenticated: key-file, insecure (heartbeat_insecure = 1) or none (single director)");
        for (HeartbeatAuthentication a : HeartbeatAuthentication.values()) {
            auth.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("mode", a.label()))
                    .value(a.label().equals(v.heartbeatAuthentication()) ? 1 : 0).build());
        }
        out.add(auth.build());
        out.add(counter("jlvs_reconciles", "Reconciles run (start, reload, health, drift check, commands)", v.stats().reconciles()));
        out.add(counter("jlvs_reconcile_seconds", "Time spent reconciling", v.stats().seconds()));
        out.add(counter("jlvs_drift_repairs", "Kernel operations that repaired changes made outside the director", v.stats().driftRepairs()));
        out.add(counter("jlvs_reconcile_failed_operations", "Kernel operations a reconcile could not apply", v.stats().failedOperations()));
        out.add(io.prometheus.metrics.model.snapshots.InfoSnapshot.builder().name("jlvs_build").help("The jLVS version")
                .dataPoint(io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot.builder()
                        .labels(Labels.of("version", VERSION)).build()).build());
        out.add(CounterSnapshot.builder().name("jlvs_reloads").help("Configuration reloads by result")
                .dataPoint(CounterDataPointSnapshot.builder().labels(Labels.of("result", "ok")).value(v.stats().reloads()).build())
                .dataPoint(CounterDataPointSnapshot.builder().labels(Labels.of("result", "rejected")).value(v.stats().rejectedReloads()).build())
                .build());
        return new MetricSnapshots(out);
    }

    private static CounterSnapshot counter(String name, String help, double value) {
        return CounterSnapshot.builder().name(name).help(help)
                .dataPoint(CounterDataPointSnapshot.builder().value(value).build()).build();
    }

    private static void serviceCounter(List<MetricSnapshot> out, View v, String name, String help, ToDoubleFunction<Stats> f) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        for (KernelSnapshot.LiveService s : v.table().services()) {
            b.dataPoint(CounterDataPointSnapshot.builder().labels(serviceLabels(v.names(), s.entry().key()))
                    .value(f.applyAsDouble(s.entry().stats())).build());
        }
        out.add(b.build());
    }

    private static void serverCounter(List<MetricSnapshot> out, View v, String name, String help, ToDoubleFunction<RealServerEntry> f) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        eachServer(v, (l, e) -> b.dataPoint(CounterDataPointSnapshot.builder().labels(l).value(f.applyAsDouble(e)).build()));
        out.add(b.build());
    }

    private static void serverGauge(List<MetricSnapshot> out, View v, String name, String help, ToDoubleFunction<RealServerEntry> f) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        eachServer(v, (l, e) -> b.dataPoint(GaugeDataPointSnapshot.builder().labels(l).value(f.applyAsDouble(e)).build()));
        out.add(b.build());
    }

    private static void eachServer(View v, java.util.function.BiConsumer<Labels, RealServerEntry> f) {
        for (KernelSnapshot.LiveService s : v.table().services()) {
            for (RealServerEntry e : s.servers()) {
                f.accept(serverLabels(v.names(), s.entry().key(), e.key()), e);
            }
        }
    }

    /** node_exporter's IPVS labels for a service, and its lvs.cf name. */
    static Labels serviceLabels(Names names, ServiceKey key) {
        String virtual = names.virtuals().getOrDefault(key, "");
        return switch (key) {
            case ServiceKey.Address a -> Labels.of("local_address", a.address().getHostAddress(),
                    "local_port", Integer.toString(a.port()), "local_mark", "", "proto", a.protocol().name(), "virtual", virtual);
            case ServiceKey.Fwmark m -> Labels.of("local_address", "", "local_port", "0",
                    "local_mark", Long.toString(m.unsignedMark()), "proto", "FWM", "virtual", virtual);
        };
    }

    /** A service's labels and the real server's: remote_address, remote_port, and its lvs.cf name. */
    static Labels serverLabels(Names names, ServiceKey key, RealServerAddress server) {
        return serviceLabels(names, key).merge(Labels.of("remote_address", server.address().getHostAddress(),
                "remote_port", Integer.toString(server.port()),
                "server", names.servers().getOrDefault(new ServerRef(key, server), "")));
    }

    @Override
    public void close() {
        server.close();
    }

}
