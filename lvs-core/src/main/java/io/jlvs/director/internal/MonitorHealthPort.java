package io.jlvs.director.internal;

import io.jlvs.config.Configuration;
import io.jlvs.config.LvsCfChecks;
import io.jlvs.config.RealServerConfig;
import io.jlvs.config.VirtualServerConfig;
import io.jlvs.director.DesiredTable;
import io.jlvs.director.TableService;
import io.jlvs.health.Actuator;
import io.jlvs.health.FailureAction;
import io.jlvs.health.HealthCheck;
import io.jlvs.health.HealthEvent;
import io.jlvs.health.HealthMonitor;
import io.jlvs.health.HealthSnapshot;
import io.jlvs.health.ProgramCheck;
import io.jlvs.health.WatchedServer;
import io.jlvs.health.WatchedService;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.ServiceKey;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health monitor (io.jlvs.health) as the director's {@link HealthPort}. The monitor decides
 * (rise/fall, quiesce or remove, slow start); its decisions reach the director as verdicts for the
 * health overlay, and the director's debounced reconcile writes the kernel. The monitor's own
 * actuator therefore writes nothing: one writer of the kernel table, the director.
 */
public final class MonitorHealthPort implements HealthPort {
    private static final Logger log = LoggerFactory.getLogger(MonitorHealthPort.class);

    private volatile Sink sink = (ref, state) -> { };
    private HealthMonitor monitor;
    private volatile java.util.function.Consumer<Throwable> onFailure = e -> { };
    // Every server told its starting state so far (starting or watch): a check_alpha server is reported DOWN once.
    private Set<ServerRef> watchedBefore = Set.of();

    @Override
    public void onFailure(java.util.function.Consumer<Throwable> handler) {
        this.onFailure = handler;
    }

    @Override
    public synchronized void starting(Configuration config, Sink sink) {
        tellStartingStates(config, sink);
    }

    @Override
    public synchronized void watch(Configuration config, Sink newSink) {
        this.sink = newSink;
        List<WatchedService> services = watched(config);
        tellStartingStates(config, newSink);
        if (monitor == null) {
            monitor = HealthMonitor.builder(Actuator.none()).watch(services).listener(this::event)
                    .onFailure(e -> onFailure.accept(e)).build();
            monitor.start();
        } else {
            monitor.reconfigure(services);
        }
    }

    /**
     * keepalived's alpha: a server of such a service is down until its checks pass (rise in a row). The
     * monitor starts a newly watched one down and says nothing until it comes up, so the director hears
     * it here, once. One told before keeps its state (the monitor keeps its track across reloads).
     */
    private void tellStartingStates(Configuration config, Sink to) {
        Set<ServerRef> all = new HashSet<>();
        Set<ServerRef> alpha = new HashSet<>();
        servers(config, all, alpha);
        for (ServerRef ref : alpha) {
            if (!watchedBefore.contains(ref)) {
                to.verdict(ref, new HealthState(HealthState.Status.DOWN, "alpha: down until its checks pass",
                        java.time.Duration.ZERO, OptionalInt.empty()));
            }
        }
        watchedBefore = all;
    }

    @Override
    public java.util.Map<ServerRef, HealthState> probed() {
        HealthMonitor m;
        synchronized (this) {
            m = monitor;
        }
        if (m == null) {
            return java.util.Map.of();
        }
        java.util.Map<ServerRef, HealthState> out = new java.util.HashMap<>();
        for (HealthSnapshot.ServiceHealth service : m.snapshot().services().values()) {
            for (HealthSnapshot.ServerHealth s : service.servers()) {
                s.lastResult().ifPresent(r -> out.put(new ServerRef(service.key(), s.configured().key()),
                        new HealthState(s.healthy() ? HealthState.Status.UP : HealthState.Status.DOWN, r.reason(),
                                r.latency(), OptionalInt.empty())));
            }
        }
        return out;
    }

    private void event(HealthEvent e) {
        if (e.realServer().isEmpty()) {
            // Quorum events: the monitor ran check_quorum_down / check_quorum_up itself; the log says so,
            // and the director swaps the sorry server in while the quorum is lost (keepalived's rule).
            switch (e.kind()) {
                case QUORUM_LOST -> {
                    log.warn(Kv.line("event", "health", "service", e.service(), "quorum", "lost", "reason", e.reason()));
                    sink.quorum(e.service(), false);
                }
                case QUORUM_REGAINED -> {
                    log.info(Kv.line("event", "health", "service", e.service(), "quorum", "regained",
                            "reason", e.reason()));
                    sink.quorum(e.service(), true);
                }
                default -> { }
            }
            return;
        }
        ServerRef ref = new ServerRef(e.service(), e.realServer().get());
        switch (e.kind()) {
            case UP -> sink.verdict(ref, new HealthState(HealthState.Status.UP, e.reason(), e.latency(), OptionalInt.empty()));
            case DOWN -> sink.verdict(ref, new HealthState(HealthState.Status.DOWN, e.reason(), e.latency(), OptionalInt.empty()));
            case WEIGHT -> sink.verdict(ref, new HealthState(HealthState.Status.UP, e.reason(), e.latency(),
                    OptionalInt.of(e.to().weight())));
            default -> { } // sorry server and passive hints: the desired table handles the sorry server itself
        }
    }

    /** One watched service per kernel service, its checks from the first virtual server with that key. */
    static List<WatchedService> watched(Configuration config) {
        DesiredTable all = DesiredTable.from(config);
        List<WatchedService> out = new ArrayList<>();
        Set<ServiceKey> seen = new HashSet<>();
        Optional<ProgramCheck.RunAs> runAs;
        try {
            runAs = CheckPrograms.runAs(config.cluster());   // checked on load; a failure here is a race
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking up check_script_user", e);
        }
        for (VirtualServerConfig v : config.activeVirtualServers()) {
            if (!seen.add(v.serviceKey())) {
                continue;
            }
            Optional<HealthCheck> check = ConfigChecks.check(v).map(c -> CheckPrograms.withUser(c, runAs));
            Optional<TableService> table = all.service(v.serviceKey());
            if (check.isEmpty() || table.isEmpty()) {
                log.warn(Kv.line("event", "health", "virtual", v.name(), "result", "not_checked",
                        "reason", "no check for these keys yet (send_program / check_type)"));
                continue;
            }
            LvsCfChecks.Probing probing = LvsCfChecks.probing(v);
            List<WatchedServer> servers = new ArrayList<>();
            for (RealServerConfig s : v.realServers()) {
                ServerRef ref = ServerRef.of(v, s);
                Optional<RealServer> rs = table.get().realServer(ref.server());
                // A server with check keys of its own has its own check and may be probed elsewhere.
                HealthCheck own = s.checkSettings().isEmpty() ? check.get()
                        : CheckPrograms.withUser(LvsCfChecks.check(v, s), runAs);
                LvsCfChecks.Probing where = s.checkSettings().isEmpty() ? probing : LvsCfChecks.probing(v, s);
                // check_port, else the server's own port, else (firewall mark) the virtual's port.
                int port = where.port().orElse(ref.server().port() != 0 ? ref.server().port() : v.port());
                if (rs.isEmpty() || port == 0) {
                    continue;
                }
                servers.add(new WatchedServer(rs.get(), own,
                        new InetSocketAddress(where.address().orElse(rs.get().address()), port),
                        s.quiesceServer().map(FailureAction::quiescing)));
            }
            out.add(new WatchedService(table.get().service(), servers, ConfigChecks.policy(config.cluster(), v, probing)));
        }
        return out;
    }

    /** The active servers of active virtual servers into {@code all}, those with check_alpha = 1 also into {@code alpha}. */
    static void servers(Configuration config, Set<ServerRef> all, Set<ServerRef> alpha) {
        for (VirtualServerConfig v : config.activeVirtualServers()) {
            boolean startsDown = LvsCfChecks.probing(v).alpha();
            for (RealServerConfig s : v.realServers()) {
                if (s.active()) {
                    all.add(ServerRef.of(v, s));
                    if (startsDown) {
                        alpha.add(ServerRef.of(v, s));
                    }
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        if (monitor != null) {
            monitor.close();
        }
    }
}
