package io.jlvs.director;

import io.jlvs.director.internal.AdminOverrides;
import io.jlvs.director.internal.ControlServer;
import io.jlvs.director.internal.DesiredService;
import io.jlvs.director.internal.DesiredTableComposer;
import io.jlvs.director.internal.DirectorConfig;
import io.jlvs.director.internal.DirectorMetrics;
import io.jlvs.director.internal.DirectorParts;
import io.jlvs.director.internal.HealthOverlay;
import io.jlvs.director.internal.HealthPort;
import io.jlvs.director.internal.HealthState;
import io.jlvs.director.internal.Kv;
import io.jlvs.director.internal.LiveTable;
import io.jlvs.director.internal.Names;
import io.jlvs.director.internal.ReconcileStats;
import io.jlvs.director.internal.Role;
import io.jlvs.director.internal.RolePort;
import io.jlvs.director.internal.ServerRef;
import io.jlvs.director.internal.ServerSpec;
import io.jlvs.director.internal.ServiceSpec;
import io.jlvs.director.internal.StandardParts;
import io.jlvs.director.internal.KernelTable;
import io.jlvs.ipvs.BatchResult;
import io.jlvs.ipvs.IpvsException;
import io.jlvs.ipvs.Operation;
import io.jlvs.ipvs.RealServerEntry;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One load balancer: keeps the IPVS table of its namespace equal to the configuration with health
 * verdicts and operator overrides applied, in the role failover gives it.
 *
 * <p>Every change to the kernel goes through one reconcile: compose the desired table, dump the live
 * one, plan the difference (edits in place, never delete and re-add), apply it in one batch. A reconcile
 * runs after a start, a reload, a role change, an operator command, a debounced burst of health
 * verdicts, and on the drift-check timer; a drift check that finds work logs it as a repair.
 *
 * <p>The director owns the whole IPVS table of its namespace: services that are not in the
 * configuration are removed. On {@link #close()} it releases the virtual addresses (via failover) and
 * leaves the IPVS table as it is, so a restart does not cut connections; the next start reconciles it.
 */
public final class Director implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Director.class);
    private static final Duration DRAIN_POLL = Duration.ofMillis(250);

    private final DirectorSettings settings;
    private final DirectorParts parts;
    private final KernelTable kernel;
    private final HealthOverlay health = new HealthOverlay();
    private final AdminOverrides admin = new AdminOverrides();
    private final ReconcileStats stats = new ReconcileStats();
    private final ReentrantLock lock = new ReentrantLock();
    private final ScheduledExecutorService timer;
    private final AtomicBoolean reconcilePending = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile DirectorConfig config;
    private volatile Role role = Role.INIT;
    private HealthPort healthPort;
    private RolePort rolePort;
    private ControlServer control;
    private DirectorMetrics metrics;

    private Director(DirectorSettings settings, DirectorParts parts, DirectorConfig config, KernelTable kernel) {
        this.settings = settings;
        this.parts = parts;
        this.config = config;
        this.kernel = kernel;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jlvs-director");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Reads the configuration, opens IPVS in the settings' namespace, starts failover, health checks,
     * the control socket and metrics (when configured), and reconciles once.
     *
     * @throws ConfigurationRejectedException when the configuration has errors; nothing was changed
     * @throws IpvsException when IPVS cannot be used in that namespace
     * @throws UncheckedIOException when the control socket or metrics endpoint cannot be opened
     */
    public static Director start(DirectorSettings settings) throws ConfigurationRejectedException {
        return start(settings, StandardParts.forSettings(settings));
    }

    /** {@link #start(DirectorSettings)} with other parts (tests, embedding). */
    public static Director start(DirectorSettings settings, DirectorParts parts) throws ConfigurationRejectedException {
        DirectorConfig first = parts.loader().load(settings.configFile());
        KernelTable kernel = parts.kernel().apply(settings.namespace());
        Director d = new Director(settings, parts, first, kernel);
        try {
            d.startParts();
            return d;
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
    }

    /**
     * What a reload of {@code configFile} would change right now, without changing anything: reads
     * the file, composes, dumps and plans. For {@code jlvsd --plan}.
     */
    public static List<Operation> plan(DirectorSettings settings, DirectorParts parts, Role role)
            throws ConfigurationRejectedException {
        DirectorConfig cfg = parts.loader().load(settings.configFile());
        try (KernelTable kernel = parts.kernel().apply(settings.namespace())) {
            List<DesiredService> desired = DesiredTableComposer.compose(cfg, new HealthOverlay(), new AdminOverrides(), role);
            return parts.planner().plan(desired, kernel.read());
        }
    }

    /** {@link #plan(DirectorSettings, DirectorParts, Role)} with the standard parts, as the active director. */
    public static List<Operation> plan(DirectorSettings settings) throws ConfigurationRejectedException {
        return plan(settings, StandardParts.forSettings(settings), Role.ACTIVE);
    }

    private void startParts() {
        log.info(Kv.line("event", "start", "config", settings.configFile(), "namespace", settings.namespace(),
                "node", settings.node(), "services", config.services().size()));
        healthPort = parts.health().apply(config);
        rolePort = parts.roles().apply(config);
        if (settings.metrics().isPresent()) {
            metrics = DirectorMetrics.start(settings.metrics().get(), this::metricsView);
            log.info(Kv.line("event", "metrics", "listen", metrics.address()));
        }
        rolePort.start(config, this::roleChanged);
        healthPort.watch(config, this::verdict);
        reconcile("start", false);
        long drift = settings.driftInterval().toMillis();
        timer.scheduleWithFixedDelay(this::driftCheck, drift, drift, TimeUnit.MILLISECONDS);
        if (settings.controlSocket().isPresent()) {
            control = ControlServer.start(settings.controlSocket().get(), settings.controlGroup(), new ControlHandler(this));
            log.info(Kv.line("event", "control", "listen", settings.controlSocket().get()));
        }
    }

    // ---- events ----

    private void roleChanged(Role next) {
        Role previous = role;
        if (previous == next) {
            return;
        }
        role = next;
        log.info(Kv.line("event", "role", "from", previous, "to", next));
        timer.execute(() -> {
            lock.lock();
            try {
                kernel.followSync(config.syncDaemon(), role);
            } finally {
                lock.unlock();
            }
            reconcile("role " + next, false);
        });
    }

    private void verdict(ServerRef ref, HealthState state) {
        HealthState old = health.get(ref);
        if (health.put(ref, state)) {
            log.info(Kv.line("event", "health", "service", ref.service(), "server", ref.server(),
                    "from", old.status(), "to", state.status(), "reason", state.reason()));
            requestReconcile();
        }
    }

    /** Gathers changes for the debounce time, then applies them all in one reconcile. */
    private void requestReconcile() {
        if (closed.get() || !reconcilePending.compareAndSet(false, true)) {
            return;
        }
        timer.schedule(() -> {
            reconcilePending.set(false);
            reconcile("health", false);
        }, settings.debounce().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void driftCheck() {
        try {
            reconcile("drift check", true);
        } catch (RuntimeException e) {
            // The timer must survive a failed check, or drift would never be repaired again.
            log.error(Kv.line("event", "drift_check", "result", "failed", "error", e.toString()));
        }
    }

    // ---- reconcile ----

    /**
     * Makes the kernel match the desired table now; returns the operations applied. {@code drift} marks
     * a timer check, whose work is counted and logged as a repair of changes made behind our back.
     */
    int reconcile(String cause, boolean drift) {
        lock.lock();
        try {
            if (closed.get()) {
                return 0;
            }
            long t0 = System.nanoTime();
            List<DesiredService> desired = DesiredTableComposer.compose(config, health, admin, role);
            List<Operation> ops = parts.planner().plan(desired, kernel.read());
            int failed = 0;
            if (!ops.isEmpty()) {
                BatchResult result = kernel.apply(ops);
                for (BatchResult.OperationResult r : result.results()) {
                    if (r.status() == BatchResult.Status.APPLIED) {
                        log.info(Kv.line("event", drift ? "drift_repair" : "apply", "cause", cause, "op", r.operation()));
                    } else {
                        failed++;
                        log.error(Kv.line("event", "apply", "cause", cause, "op", r.operation(), "status", r.status(),
                                "error", r.error().map(Throwable::getMessage).orElse("-")));
                    }
                }
                if (drift) {
                    stats.driftRepaired(ops.size() - failed);
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            stats.reconciled(seconds, failed);
            if (!ops.isEmpty()) {
                log.info(Kv.line("event", "reconcile", "cause", cause, "operations", ops.size(), "failed", failed,
                        "seconds", String.format(java.util.Locale.ROOT, "%.3f", seconds)));
            }
            return ops.size() - failed;
        } finally {
            lock.unlock();
        }
    }

    // ---- operations (control socket, jlvsd) ----

    /**
     * Reads the configuration file again. On any problem the running configuration stays and the
     * exception names file and line; otherwise the new one replaces it and only the difference is
     * applied. Returns the number of kernel operations applied.
     */
    public int reload() throws ConfigurationRejectedException {
        DirectorConfig next;
        try {
            next = parts.loader().load(settings.configFile());
        } catch (ConfigurationRejectedException e) {
            stats.reloaded(false);
            log.error(Kv.line("event", "reload", "result", "rejected", "config", settings.configFile(),
                    "error", e.getMessage()));
            throw e;
        }
        lock.lock();
        try {
            config = next;
            Set<ServerRef> keep = refs(next);
            health.retainOnly(keep);
            admin.retainOnly(keep);
            rolePort.reconfigure(next);
            healthPort.watch(next, this::verdict);
            kernel.followSync(next.syncDaemon(), role);
        } finally {
            lock.unlock();
        }
        stats.reloaded(true);
        int applied = reconcile("reload", false);
        log.info(Kv.line("event", "reload", "result", "ok", "config", settings.configFile(),
                "services", next.services().size(), "operations", applied));
        return applied;
    }

    /** What a reconcile would do now, one line per operation, without doing it. */
    public List<String> plan() {
        lock.lock();
        try {
            List<DesiredService> desired = DesiredTableComposer.compose(config, health, admin, role);
            return parts.planner().plan(desired, kernel.read()).stream().map(Object::toString).toList();
        } finally {
            lock.unlock();
        }
    }

    /** Sets a real server's weight (an override on top of the configuration) and applies it. */
    public void setWeight(String service, String server, int weight) {
        if (weight < 0) {
            throw new IllegalArgumentException("weight must be 0 or more, got " + weight);
        }
        ServerRef ref = resolve(service, server);
        admin.setWeight(ref, weight);
        log.info(Kv.line("event", "admin", "action", "weight", "service", ref.service(), "server", ref.server(), "weight", weight));
        reconcile("weight", false);
    }

    /** Takes a real server out ({@code enabled=false}) or lets it back in, and applies it. */
    public void setEnabled(String service, String server, boolean enabled) {
        ServerRef ref = resolve(service, server);
        admin.setDisabled(ref, !enabled);
        log.info(Kv.line("event", "admin", "action", enabled ? "enable" : "disable", "service", ref.service(), "server", ref.server()));
        reconcile(enabled ? "enable" : "disable", false);
    }

    /**
     * Drains a real server: weight 0 (no new connections), waits until its active connections reach 0
     * or {@code timeout} passes, then takes it out (as {@code disable}; {@code enable} brings it back).
     */
    public DrainResult drain(String service, String server, Duration timeout) throws InterruptedException {
        ServerRef ref = resolve(service, server);
        admin.setWeight(ref, 0);
        log.info(Kv.line("event", "admin", "action", "drain", "service", ref.service(), "server", ref.server(), "timeout", timeout));
        reconcile("drain", false);
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        int active = activeConnections(ref);
        while (active > 0 && System.nanoTime() < deadline) {
            Thread.sleep(Math.min(DRAIN_POLL.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            active = activeConnections(ref);
        }
        admin.setDisabled(ref, true);
        admin.clearWeight(ref);
        reconcile("drain", false);
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        log.info(Kv.line("event", "admin", "action", "drained", "service", ref.service(), "server", ref.server(),
                "active", active, "timed_out", active > 0));
        return new DrainResult(active == 0, active, waited);
    }

    private int activeConnections(ServerRef ref) {
        return liveTable().server(ref.service(), ref.server()).map(RealServerEntry::activeConnections).orElse(0);
    }

    private ServerRef resolve(String service, String server) {
        DirectorConfig cfg = config;
        ServiceSpec s = Names.service(cfg, service).orElseThrow(() -> new IllegalArgumentException(
                "no virtual service '" + service + "' in " + cfg.file() + " (give its name or e.g. \"tcp:10.0.0.1:80\")"));
        ServerSpec r = Names.server(s, server).orElseThrow(() -> new IllegalArgumentException(
                "virtual service '" + s.name() + "' has no real server '" + server + "' (give its name or address:port)"));
        return new ServerRef(s.key(), r.server().key());
    }

    /** The role, peers, and every configured service with its real servers as the kernel has them. */
    public DirectorStatus status() {
        DirectorConfig cfg = config;
        LiveTable live = liveTable();
        List<DirectorStatus.Service> services = new ArrayList<>();
        for (ServiceSpec s : cfg.services()) {
            List<DirectorStatus.Server> servers = new ArrayList<>();
            for (ServerSpec r : s.servers()) {
                ServerRef ref = new ServerRef(s.key(), r.server().key());
                HealthState h = health.get(ref);
                Optional<RealServerEntry> e = live.server(s.key(), r.server().key());
                AdminOverrides.Override o = admin.get(ref);
                String adminText = o.disabled() ? "disabled" : o.weight().isPresent() ? "weight " + o.weight().getAsInt() : "enabled";
                servers.add(new DirectorStatus.Server(r.name(), r.server().key().toString(), r.server().weight(),
                        e.map(x -> x.server().weight()).orElse(-1), h.status().name(), h.reason(), adminText,
                        e.map(RealServerEntry::activeConnections).orElse(0),
                        e.map(RealServerEntry::inactiveConnections).orElse(0)));
            }
            services.add(new DirectorStatus.Service(s.name(), s.key().toString(), s.service().scheduler().toString(),
                    s.active(), live.service(s.key()).isPresent(), servers));
        }
        RolePort rp = rolePort;
        return new DirectorStatus(role.name(), rp == null ? List.of() : rp.peers(), rp == null ? 0 : rp.failovers(),
                cfg.file().toString(), services);
    }

    private LiveTable liveTable() {
        lock.lock();
        try {
            return closed.get() ? new LiveTable(List.of()) : kernel.read();
        } finally {
            lock.unlock();
        }
    }

    private DirectorMetrics.View metricsView() {
        DirectorConfig cfg = config;
        List<DirectorMetrics.ServerHealth> healthView = new ArrayList<>();
        for (ServiceSpec s : cfg.services()) {
            for (ServerSpec r : s.servers()) {
                ServerRef ref = new ServerRef(s.key(), r.server().key());
                healthView.add(new DirectorMetrics.ServerHealth(ref, health.get(ref)));
            }
        }
        RolePort rp = rolePort;
        return new DirectorMetrics.View(liveTable(), healthView, role, rp == null ? 0 : rp.failovers(), stats);
    }

    /** The health sink for tests that drive health by hand; the health module calls the same. */
    void healthVerdict(ServerRef ref, HealthState state) {
        verdict(ref, state);
    }

    /** The metrics endpoint's bound address (useful with port 0), if one is open. */
    public Optional<java.net.InetSocketAddress> metricsAddress() {
        return Optional.ofNullable(metrics).map(DirectorMetrics::address);
    }

    public DirectorSettings settings() {
        return settings;
    }

    private static Set<ServerRef> refs(DirectorConfig cfg) {
        Set<ServerRef> out = new HashSet<>();
        for (ServiceSpec s : cfg.services()) {
            for (ServerSpec r : s.servers()) {
                out.add(new ServerRef(s.key(), r.server().key()));
            }
        }
        return out;
    }

    /**
     * Stops: no more control connections, metrics or probes; failover leaves the role (addresses
     * released first); the IPVS table is left in place. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        log.info(Kv.line("event", "stop", "config", settings.configFile()));
        closeQuietly(control);
        closeQuietly(metrics);
        closeQuietly(healthPort);
        closeQuietly(rolePort);
        timer.shutdownNow();
        lock.lock();
        try {
            kernel.close();
        } finally {
            lock.unlock();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            log.warn(Kv.line("event", "stop", "part", c.getClass().getSimpleName(), "error", e.toString()));
        }
    }
}
