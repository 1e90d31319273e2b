package io.jlvs.director;

import io.jlvs.director.internal.AdminOverrides;
import io.jlvs.director.internal.ApplyLog;
import io.jlvs.director.internal.ControlProtocol;
import io.jlvs.director.internal.ControlServer;
import io.jlvs.config.Configuration;
import io.jlvs.config.RealServerConfig;
import io.jlvs.config.VirtualServerConfig;
import io.jlvs.director.internal.DesiredComposer;
import io.jlvs.director.internal.DirectorMetrics;
import io.jlvs.director.internal.DirectorAccess;
import io.jlvs.director.internal.DirectorParts;
import io.jlvs.director.internal.HealthOverlay;
import io.jlvs.director.internal.HealthPort;
import io.jlvs.director.internal.HealthState;
import io.jlvs.director.internal.InstanceLock;
import io.jlvs.director.internal.Kv;
import io.jlvs.director.internal.KernelSnapshot;
import io.jlvs.director.internal.Names;
import io.jlvs.director.internal.ReconcileStats;
import io.jlvs.director.internal.Role;
import io.jlvs.director.internal.RolePort;
import io.jlvs.director.internal.ServerRef;
import io.jlvs.director.internal.RestartOnlySettings;
import io.jlvs.director.internal.SyncSpec;
import io.jlvs.director.internal.StandardParts;
import io.jlvs.director.internal.KernelTable;
import io.jlvs.director.internal.TableOwnership;
import io.jlvs.ipvs.BatchResult;
import io.jlvs.ipvs.IpvsException;
import io.jlvs.ipvs.RealServerEntry;
import io.jlvs.ipvs.ServiceKey;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
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
 * <p>Every change to the kernel goes through one reconcile: compose the desired table, plan the
 * difference from the live one (edits in place, never delete and re-add), apply it in one batch. The
 * live table is dumped at start and on the drift check; a reload, a role change, a health verdict or
 * an operator command plans against the table applied last, so one changed weight is one round trip
 * however large the table (and a step the kernel refuses makes that reconcile read it at once). A reconcile
 * runs after a start, a reload, a role change, an operator command, a debounced burst of health
 * verdicts, and on the drift-check timer; a drift check that finds work logs it as a repair.
 *
 * <p>The director manages only the services it owns: those in its
 * configuration and those it created, remembered across restarts in the settings' state file. So a
 * service it created that left the configuration is deleted, and one made by anybody else is never
 * edited or deleted (with {@code manage_whole_table = 1} it manages the whole IPVS table of its
 * namespace instead). On {@link #close()} it releases the virtual addresses (via failover) and leaves the IPVS table as it is, so a restart does not cut connections; the next start reconciles it.
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
    private final ApplyLog applyLog = new ApplyLog(log);
    private final ReentrantLock lock = new ReentrantLock();
    private final ScheduledExecutorService timer;
    private final AtomicBoolean reconcilePending = new AtomicBoolean();
    /** Serializes reloads: the role port must get the configurations in the order they were applied. */
    private final Object reloading = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final java.util.concurrent.CompletableFuture<Throwable> failure = new java.util.concurrent.CompletableFuture<>();
    private volatile Configuration config;
    // Guarded by lock: the table applied last, completely, by service (null when unknown: before the
    // first complete apply, after a failed one). Incremental reconciles plan against it and update
    // it in place; drift is judged against it.
    private Map<ServiceKey, TableService> applied;
    /** How many services {@link #applied} holds, for {@link #statusLine} without the lock; -1 when unknown. */
    private volatile int appliedServices;
    private Role appliedRole; // guarded by lock: the role applied was composed for
    private boolean started; // guarded by lock: the first reconcile (which reads the kernel) has run
    // Written under the lock: DesiredTable.groups(config); volatile for statusLine, which takes no lock.
    private volatile Map<ServiceKey, List<VirtualServerConfig>> groups;
    private final TableOwnership owned; // guarded by lock
    // Services whose desired state may differ from applied's: health verdicts and operator
    // commands add theirs, an incremental reconcile composes and plans only these.
    private final Set<ServiceKey> dirty = ConcurrentHashMap.newKeySet();
    private volatile Role role = Role.INIT;
    // The kernel table as the last full read found it, counters and all: what a metrics scrape
    // shows, so that a scrape (anyone who can reach the port, as often as they like) never makes the
    // director dump the kernel, nor waits for its lock behind a reconcile.
    private volatile KernelSnapshot lastSnapshot = new KernelSnapshot(List.of());
    private HealthPort healthPort;
    private RolePort rolePort;
    private ControlServer control;
    private DirectorMetrics metrics;
    private final InstanceLock instance; // null without a runtime directory
    // The restart-only settings this director started with: a reload names those it could not apply.
    private final Map<String, String> restartOnly;

    private Director(DirectorSettings settings, DirectorParts parts, Configuration config, KernelTable kernel,
            InstanceLock instance) {
        this.settings = settings;
        this.instance = instance;
        this.parts = parts;
        this.config = config;
        this.groups = DesiredTable.groups(config);
        this.owned = TableOwnership.load(settings.stateFile(), config);
        this.restartOnly = RestartOnlySettings.of(config.cluster());
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

    static {
        DirectorAccess.install(new DirectorAccess.Entry() {
            @Override
            public Director start(DirectorSettings settings, DirectorParts parts) throws ConfigurationRejectedException {
                return Director.start(settings, parts);
            }

            @Override
            public Plan plan(DirectorSettings settings, DirectorParts parts, Role role) throws ConfigurationRejectedException {
                return Director.plan(settings, parts, role);
            }
        });
    }

    /** {@link #start(DirectorSettings)} with other parts (tests, benchmarks: {@link DirectorAccess}). */
    static Director start(DirectorSettings settings, DirectorParts parts) throws ConfigurationRejectedException {
        io.jlvs.internal.Libraries.require("the director (io.jlvs.director.Director)", io.jlvs.internal.Libraries.DIRECTOR);
        // First of all: a second director must not touch the first one's addresses or table.
        InstanceLock instance = lock(settings);
        Director d;
        try {
            Configuration first = parts.loader().load(settings.configFile());
            KernelTable kernel = parts.kernel().apply(settings.namespace());
            d = new Director(settings, parts, first, kernel, instance);
        } catch (ConfigurationRejectedException | RuntimeException | Error e) {
            closeQuietly(instance);
            throw e;
        }
        try {
            d.startParts();
            return d;
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
    }

    /**
     * Releases every floating address {@code settings}' configuration names (the active virtual
     * servers' VIPs and the NAT router address) in its namespace, whoever added them, and changes
     * nothing else: what a supervisor runs after a director died without releasing them itself
     * ({@code jlvsd --release-addresses}, the unit's ExecStopPost). Takes the instance lock first,
     * so it never pulls the addresses from under a director that is still running.
     *
     * @return the addresses removed (those already absent are not listed)
     * @throws AnotherInstanceException when a director still runs in that namespace
     * @throws io.jlvs.failover.FloatingAddressException when an address could not be removed (the others were)
     */
    public static List<String> releaseAddresses(DirectorSettings settings) throws ConfigurationRejectedException {
        try (InstanceLock ignored = lock(settings)) {
            Configuration cfg = new io.jlvs.director.internal.LvsCfLoader().load(settings.configFile());
            return io.jlvs.director.internal.FloatingAddresses.release(cfg, settings.namespace());
        }
    }

    private static InstanceLock lock(DirectorSettings settings) {
        return settings.runtimeDirectory().map(dir -> InstanceLock.acquire(dir, settings.namespace())).orElse(null);
    }

    /**
     * Reads and validates {@code configFile} exactly as a start does (the same loader, the same
     * {@code file:line: key} messages, warnings logged), and touches nothing: no kernel, no address, no
     * network, no root needed. For {@code jlvsd --check}, as {@code keepalived -t}.
     */
    public static Configuration check(Path configFile) throws ConfigurationRejectedException {
        return new io.jlvs.director.internal.LvsCfLoader().load(configFile);
    }

    /**
     * What a reload of {@code configFile} would change right now, without changing anything: reads
     * the file, composes, dumps and plans. For {@code jlvsd --plan}.
     */
    static Plan plan(DirectorSettings settings, DirectorParts parts, Role role)
            throws ConfigurationRejectedException {
        Configuration cfg = parts.loader().load(settings.configFile());
        try (KernelTable kernel = parts.kernel().apply(settings.namespace())) {
            DesiredTable desired = DesiredComposer.compose(cfg, new HealthOverlay(), new AdminOverrides(), role);
            return Reconciler.plan(desired, kernel.read().toLiveTable(), TableOwnership.load(settings.stateFile(), cfg));
        }
    }

    /** What a reload would change for the active director, with the standard parts. */
    public static Plan plan(DirectorSettings settings) throws ConfigurationRejectedException {
        return plan(settings, StandardParts.forSettings(settings), Role.ACTIVE);
    }

    private void startParts() {
        log.info(Kv.line("event", "start", "config", settings.configFile(), "namespace", settings.namespace(),
                "node", settings.node(), "services", config.virtualServers().size()));
        settings.stateFile().map(RestartOnlySettings::fileFor).ifPresent(f -> {
            try {
                RestartOnlySettings.write(f, config.cluster());
            } catch (java.io.IOException e) {
                log.warn(Kv.line("event", "start", "file", f, "error", e.toString(), "note",
                        "jlvsd --check cannot say which changes need a restart"));
            }
        });
        healthPort = parts.health().apply(config);
        rolePort = parts.roles().apply(config);
        if (settings.metrics().isPresent()) {
            metrics = DirectorMetrics.start(settings.metrics().get(), this::metricsView);
            log.info(Kv.line("event", "metrics", "listen", metrics.address()));
            if (DirectorMetrics.reachableFromOtherHosts(metrics.address())) {
                log.warn(Kv.line("event", "metrics", "listen", metrics.address(), "note",
                        "not a loopback address: anyone who can reach it reads the table, health and role without authentication"));
            }
        }
        rolePort.onFailure(e -> failed("failover", e));
        healthPort.onFailure(e -> failed("health", e));
        // The states servers start in (check_alpha: down) before the first table is composed ...
        // Recorded only: the first reconcile composes every service anyway, and one asked for now
        // could run before the role is known and compose an empty table.
        healthPort.starting(config, (ref, state) -> verdict(ref, state, false));
        // ... which the role's first change applies: a single (or elected) director becoming ACTIVE
        // programs its services here, before the port takes and announces the VIPs, so no VIP ever
        // answers for a service the kernel does not hold yet. A role not known yet (INIT: a pair's
        // election running) leaves it to the next line.
        rolePort.start(config, this::roleChanged);
        reconcile("start", Scope.ROLE);
        // The probes start once the first table is in: starting 50,000 of them must not delay it,
        // and their verdicts reach the kernel through the usual debounced reconciles.
        healthPort.watch(config, sink);
        long drift = settings.driftInterval().toMillis();
        timer.scheduleWithFixedDelay(this::driftCheck, drift, drift, TimeUnit.MILLISECONDS);
        if (settings.controlSocket().isPresent()) {
            control = ControlServer.start(settings.controlSocket().get(), settings.controlGroup(), new ControlHandler(this),
                    e -> failed("control", e));
            log.info(Kv.line("event", "control", "listen", settings.controlSocket().get()));
        }
    }

    // ---- events ----

    /**
     * A part died (heartbeat loop, health scheduler, control server, or a thread of the process):
     * a director running on without it would hold the VIPs half-alive, e.g. without heartbeats
     * while the peer takes over. So it goes to FAULT, closes (the addresses go first), and then
     * completes {@link #failure()} so that its owner exits and the supervisor starts a whole one.
     * The first failure counts; later ones are consequences.
     */
    public void failed(String part, Throwable cause) {
        if (closed.get() || !failing.compareAndSet(false, true)) {
            return;
        }
        log.error(Kv.line("event", "fault", "part", part, "error", cause.toString(),
                "action", "releasing the addresses and stopping"), cause);
        Role previous = role;
        role = Role.FAULT;
        log.info(Kv.line("event", "role", "from", previous, "to", Role.FAULT));
        // Not on the failing thread: closing joins the very threads that may be reporting.
        Thread.ofPlatform().name("jlvs-director-fault").start(() -> {
            try {
                close();
            } finally {
                failure.complete(cause);
            }
        });
    }

    /**
     * Completes with the cause when a part of this director failed ({@link #failed}), once the
     * director has closed; never completes after a plain {@link #close()}.
     */
    public java.util.concurrent.CompletionStage<Throwable> failure() {
        return failure.minimalCompletionStage();
    }

    private void roleChanged(Role next) {
        Role previous = role;
        if (previous == next) {
            return;
        }
        role = next;
        log.info(Kv.line("event", "role", "from", previous, "to", next));
        if (next == Role.ACTIVE) {
            // Here, on the role port's thread, before it takes and announces the addresses (RolePort):
            // a client packet of a connection the peer synced that arrives once the VIP is announced
            // must find its service, or the local stack answers it with a reset.
            followRole(next);
        } else {
            // The addresses are gone already; the services follow on the director's own thread.
            timer.execute(() -> followRole(next));
        }
    }

    private void followRole(Role next) {
        lock.lock();
        try {
            if (closed.get()) {
                return;
            }
            kernel.followSync(SyncSpec.of(config.cluster()), role);
        } finally {
            lock.unlock();
        }
        // Against the table applied last, like a reload: a takeover adds the services in one
        // batch without first dumping a table the backup programmed itself.
        reconcile("role " + next, Scope.ROLE);
    }

    /** Where the health port reports: verdicts per server, and quorum changes per service. */
    private final HealthPort.Sink sink = new HealthPort.Sink() {
        @Override
        public void verdict(ServerRef ref, HealthState state) {
            Director.this.verdict(ref, state);
        }

        @Override
        public void quorum(ServiceKey service, boolean held) {
            if (health.quorum(service, held)) {
                dirty.add(service);
                log.info(Kv.line("event", "health", "service", service, "quorum", held ? "held" : "lost",
                        "sorry_server", held ? "out" : "in if configured"));
                requestReconcile();
            }
        }
    };

    private void verdict(ServerRef ref, HealthState state) {
        verdict(ref, state, true);
    }

    private void verdict(ServerRef ref, HealthState state, boolean reconcile) {
        HealthState old = health.get(ref);
        if (health.put(ref, state)) {
            dirty.add(ref.service());
            log.info(Kv.line("event", "health", "service", ref.service(), "server", ref.server(),
                    "from", old.status(), "to", state.status(), "reason", state.reason()));
            if (reconcile) {
                requestReconcile();
            }
        }
    }

    /** Gathers changes for the debounce time, then applies them all in one reconcile. */
    private void requestReconcile() {
        if (closed.get() || !reconcilePending.compareAndSet(false, true)) {
            return;
        }
        timer.schedule(() -> {
            reconcilePending.set(false);
            reconcile("health", Scope.DIRTY);
        }, settings.debounce().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void driftCheck() {
        try {
            reconcile("drift check");
        } catch (RuntimeException e) {
            // The timer must survive a failed check, or drift would never be repaired again.
            log.error(Kv.line("event", "drift_check", "result", "failed", "error", e.toString()));
        }
    }

    // ---- reconcile ----

    /**
     * Makes the kernel match the desired table now; returns the operations applied. Steps that undo a
     * change nobody asked the director for (its intent for that object is the same as at the last
     * complete apply) are drift: counted and logged as repairs. {@code cause} goes into the log.
     */
    int reconcile(String cause) {
        return reconcile(cause, Scope.KERNEL);
    }

    /** How much a reconcile recomposes, and what it plans against. */
    private enum Scope {
        /** Every service, against a fresh dump of the kernel table (start, drift check). */
        KERNEL,
        /** Every service, against the table applied last (a reload that changed globals). */
        ALL,
        /**
         * As ALL, unless the table applied last was already composed for the current role. Before the
         * first complete reconcile, any scope is KERNEL.
         */
        ROLE,
        /** The {@link #dirty} services only, against the table applied last (health, operator, reload). */
        DIRTY
    }

    /**
     * As {@link #reconcile(String)}, in {@code scope}. Planned against the last applied table, a
     * health or operator change to one real server costs one batch (one round trip) instead of a
     * dump of every service, which for 10,000 services is 10,001 round trips; composed for its
     * service alone, it costs that service's work instead of the whole table's. Without a complete
     * apply before, or if the kernel refuses any step (it changed behind our back), a reconcile with
     * a fresh dump follows at once; the periodic drift check reads the kernel in any case.
     */
    private int reconcile(String cause, Scope scope) {
        lock.lock();
        try {
            if (closed.get()) {
                return 0;
            }
            long t0 = System.nanoTime();
            Role now = role;
            if (!started && scope != Scope.KERNEL) {
                // The first reconcile, whatever asked for it (the start, or the role's first change
                // during the start), reads the kernel table: what an earlier run left is kept, edited
                // in place or deleted, never added twice.
                scope = Scope.KERNEL;
                cause = "start";
            } else if (scope == Scope.ROLE && applied != null && appliedRole == now) {
                // The table was already composed for this role (the start's reconcile after the role's
                // first change did it, or a role a fixed-role director reports again).
                return 0;
            }
            if (scope == Scope.DIRTY && now != appliedRole) {
                scope = Scope.ALL; // the other services were composed for another role: all of them again
            }
            boolean incremental = scope != Scope.KERNEL && applied != null;
            // Taken before composing: a verdict arriving meanwhile marks its service again and asks
            // for another reconcile, so nothing is lost.
            Set<ServiceKey> keys = Set.copyOf(dirty);
            dirty.removeAll(keys);
            // What is planned (desired against live or applied) and, for drift, the intent last
            // applied for the same services: a few services for a DIRTY reconcile, else all.
            DesiredTable desired;
            DesiredTable before;
            Plan plan;
            Map<ServiceKey, Optional<TableService>> changes = null;
            if (incremental && scope == Scope.DIRTY) {
                changes = DesiredComposer.compose(config, groups, inOrder(keys), health, admin, now);
                desired = DesiredTable.of(changes.values().stream().flatMap(Optional::stream).toList());
                before = appliedOf(changes.keySet());
                plan = Reconciler.plan(desired, new LiveTable(before.services()));
            } else {
                desired = DesiredComposer.compose(config, health, admin, now);
                before = applied == null ? null : new DesiredTable(applied);
                LiveTable live;
                if (incremental) {
                    live = new LiveTable(applied);
                } else {
                    KernelSnapshot snapshot = kernel.read();
                    lastSnapshot = snapshot;
                    live = snapshot.toLiveTable();
                    owned.found(live.services().keySet());
                }
                plan = Reconciler.plan(desired, live, owned);
                if (!plan.leftAlone().isEmpty() && !started) {
                    log.info(Kv.line("event", "foreign_services", "count", plan.leftAlone().size(),
                            "services", String.join(", ", plan.leftAlone().stream().limit(10).map(ServiceKey::toString).toList()),
                            "note", "not created by jlvsd: left alone (manage_whole_table = 1 manages them)"));
                }
            }
            owned.adding(desired.services().keySet());
            int failed = 0;
            List<Object> summary = List.of();
            double batchSeconds = 0;
            if (!plan.isEmpty()) {
                Set<PlanStep> drift = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
                drift.addAll(Reconciler.drift(plan, desired, before));
                long batchStarted = System.nanoTime();
                BatchResult result = kernel.apply(plan.toBatch().operations());
                batchSeconds = (System.nanoTime() - batchStarted) / 1e9;
                owned.applied(plan, result);
                ApplyLog.Summary applies = applyLog.applied(cause, plan.steps(), result, drift);
                failed = applies.failed();
                int repaired = applies.repaired();
                summary = applies.pairs();
                stats.driftRepaired(repaired);
                if (failed > 0 && incremental) {
                    log.warn(Kv.line("event", "reconcile", "cause", cause, "note",
                            "the kernel refused a change planned against the last applied table; reading it again"));
                    applied = null;
                    return plan.size() - failed + reconcile(cause, Scope.KERNEL);
                }
            }
            appliedRole = now;
            started |= scope == Scope.KERNEL;
            if (failed > 0) {
                applied = null;
            } else if (changes != null) {
                // In place: the cost of a one-server change stays that of its service.
                changes.forEach((key, service) -> service.ifPresentOrElse(t -> applied.put(key, t), () -> applied.remove(key)));
            } else {
                applied = new LinkedHashMap<>(desired.services());
            }
            appliedServices = applied == null ? -1 : applied.size();
            double seconds = (System.nanoTime() - t0) / 1e9;
            stats.reconciled(seconds, failed);
            if (!plan.isEmpty()) {
                // The one line a large apply (a start, a takeover) gets: its counts by kind, and where the time went.
                List<Object> line = new ArrayList<>(List.of("event", "reconcile", "cause", cause, "operations", plan.size(),
                        "failed", failed));
                line.addAll(summary);
                line.addAll(List.of("batch_seconds", String.format(java.util.Locale.ROOT, "%.3f", batchSeconds),
                        "seconds", String.format(java.util.Locale.ROOT, "%.3f", seconds)));
                log.info(Kv.line(line.toArray()));
            }
            return plan.size() - failed;
        } finally {
            lock.unlock();
        }
    }

    // ---- operations (control socket, jlvsd) ----

    /**
     * Reads the configuration file again. On any problem the running configuration stays and the
     * exception names file and line; otherwise the new one replaces it and only the difference from
     * the table applied last is applied, in one batch, without reading the kernel table first (the
     * drift check does that). Returns the number of kernel operations applied.
     */
    public int reload() throws ConfigurationRejectedException {
        synchronized (reloading) {
            return reloadSerially();
        }
    }

    private int reloadSerially() throws ConfigurationRejectedException {
        Configuration next;
        try {
            next = parts.loader().load(settings.configFile());
        } catch (ConfigurationRejectedException e) {
            stats.reloaded(false);
            log.error(Kv.line("event", "reload", "result", "rejected", "config", settings.configFile(),
                    "error", e.getMessage()));
            throw e;
        }
        int applied;
        lock.lock();
        try {
            Configuration previous = config;
            Map<ServiceKey, List<VirtualServerConfig>> nextGroups = DesiredTable.groups(next);
            boolean sameGlobals = previous.cluster().equals(next.cluster());
            if (sameGlobals) {
                dirty.addAll(changedServices(groups, nextGroups));
            }
            config = next;
            groups = nextGroups;
            owned.configure(next);
            Predicate<ServerRef> configured = configured(next, nextGroups);
            health.retainIf(configured);
            health.retainQuorumIf(key -> nextGroups.containsKey(key) && DesiredComposer.hasQuorum(nextGroups.get(key).get(0)));
            admin.retainIf(configured);
            healthPort.watch(next, sink);
            kernel.followSync(SyncSpec.of(next.cluster()), role);
            stats.reloaded(true);
            // Still under the lock, so the first reconcile on the new configuration is this one and
            // its count is the reload's own. Planned against the table applied last, like keepalived
            // diffing its old and new configuration: a reload that changes one weight is one batch,
            // not a dump of every service. Changes made behind the director's back are the drift
            // check's (or a refused step makes this reconcile read the kernel at once).
            applied = reconcile("reload", sameGlobals ? Scope.DIRTY : Scope.ALL);
        } finally {
            lock.unlock();
        }
        // Outside the table lock: the role port takes its own lock and then, becoming ACTIVE, the table
        // lock (roleChanged), so taking them in the other order here could deadlock with a takeover.
        // After the reconcile, as in a takeover: a new VIP is announced once its service exists.
        rolePort.reconfigure(next);
        List<String> waiting = RestartOnlySettings.changes(restartOnly, RestartOnlySettings.of(next.cluster()));
        if (waiting.isEmpty()) {
            log.info(Kv.line("event", "reload", "result", "ok", "config", settings.configFile(),
                    "services", next.virtualServers().size(), "operations", applied));
        } else {
            log.warn(Kv.line("event", "reload", "result", "ok", "config", settings.configFile(),
                    "services", next.virtualServers().size(), "operations", applied,
                    "restart_needed", String.join(", ", waiting)));
        }
        return applied;
    }

    /**
     * The settings of the configuration in force that differ from those this director started with
     * and that a reload cannot apply (the pair, heartbeat, election, {@code monitor_links},
     * {@code track_script}), as "keepalive (2s -> 1s)"; empty when a restart would change nothing more.
     */
    public List<String> restartNeeded() {
        lock.lock();
        try {
            return RestartOnlySettings.changes(restartOnly, RestartOnlySettings.of(config.cluster()));
        } finally {
            lock.unlock();
        }
    }

    /**
     * What {@link #restartNeeded()} would say after a reload of {@code cfg} by the director running with
     * {@code stateFile}, read offline from what that director wrote beside its state file; empty when
     * none runs (a start applies everything) or the file cannot be read. For {@code jlvsd --check}.
     */
    public static List<String> restartNeeded(Configuration cfg, java.nio.file.Path stateFile) {
        return RestartOnlySettings.read(RestartOnlySettings.fileFor(stateFile))
                .map(running -> RestartOnlySettings.changes(running, RestartOnlySettings.of(cfg.cluster())))
                .orElse(List.of());
    }

    /** What a reconcile would do now, one line per operation, without doing it. */
    public List<String> plan() {
        lock.lock();
        try {
            return planLines(config, owned);
        } finally {
            lock.unlock();
        }
    }

    /**
     * What a reload to {@code proposed} would do now (with the health verdicts, operator overrides and
     * role in force), one line per operation, without doing it: the review of an edit before it is applied.
     */
    List<String> plan(Configuration proposed) {
        lock.lock();
        try {
            return planLines(proposed, owned.after(proposed));
        } finally {
            lock.unlock();
        }
    }

    private List<String> planLines(Configuration cfg, Predicate<ServiceKey> ours) {
        DesiredTable desired = DesiredComposer.compose(cfg, health, admin, role);
        Plan plan = Reconciler.plan(desired, kernel.read().toLiveTable(), ours);
        List<String> lines = new ArrayList<>(plan.lines());
        lines.addAll(plan.leftAloneLines());
        return lines;
    }

    /** {@link #restartNeeded()} as it would be after a reload to {@code proposed}. */
    List<String> restartNeeded(Configuration proposed) {
        return RestartOnlySettings.changes(restartOnly, RestartOnlySettings.of(proposed.cluster()));
    }

    /** Validates {@code text} as this director's loader reads its configuration file (start, reload, --check). */
    Configuration check(Path file, String text) throws ConfigurationRejectedException {
        return parts.loader().load(file, text);
    }

    /** Sets a real server's weight (an override on top of the configuration) and applies it. */
    public void setWeight(String service, String server, int weight) {
        if (weight < 0 || weight > ControlProtocol.MAX_WEIGHT) {
            throw new IllegalArgumentException("weight must be 0.." + ControlProtocol.MAX_WEIGHT + " (as lvs.cf's weight), got " + weight);
        }
        ServerRef ref = resolve(service, server);
        admin.setWeight(ref, weight);
        log.info(Kv.line("event", "admin", "action", "weight", "service", ref.service(), "server", ref.server(), "weight", weight));
        dirty.add(ref.service());
        reconcile("weight", Scope.DIRTY);
    }

    /** Takes a real server out ({@code enabled=false}) or lets it back in, and applies it. */
    public void setEnabled(String service, String server, boolean enabled) {
        ServerRef ref = resolve(service, server);
        admin.setDisabled(ref, !enabled);
        log.info(Kv.line("event", "admin", "action", enabled ? "enable" : "disable", "service", ref.service(), "server", ref.server()));
        dirty.add(ref.service());
        reconcile(enabled ? "enable" : "disable", Scope.DIRTY);
    }

    /**
     * Drains a real server: weight 0 (no new connections), waits until its active connections reach 0
     * or {@code timeout} passes, then takes it out (as {@code disable}; {@code enable} brings it back).
     */
    public DrainResult drain(String service, String server, Duration timeout) throws InterruptedException {
        ServerRef ref = resolve(service, server);
        admin.setWeight(ref, 0);
        log.info(Kv.line("event", "admin", "action", "drain", "service", ref.service(), "server", ref.server(), "timeout", timeout));
        dirty.add(ref.service());
        reconcile("drain", Scope.DIRTY);
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        int active = activeConnections(ref);
        while (active > 0 && System.nanoTime() < deadline) {
            Thread.sleep(Math.min(DRAIN_POLL.toMillis(), Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            active = activeConnections(ref);
        }
        admin.setDisabled(ref, true);
        admin.clearWeight(ref);
        dirty.add(ref.service());
        reconcile("drain", Scope.DIRTY);
        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        log.info(Kv.line("event", "admin", "action", "drained", "service", ref.service(), "server", ref.server(),
                "active", active, "timed_out", active > 0));
        return new DrainResult(active == 0, active, waited);
    }

    private int activeConnections(ServerRef ref) {
        // One dump of this service's real servers, not of the whole table, every poll.
        lock.lock();
        try {
            if (closed.get()) {
                return 0;
            }
            return kernel.realServers(ref.service()).stream().filter(e -> e.key().equals(ref.server()))
                    .mapToInt(RealServerEntry::activeConnections).findFirst().orElse(0);
        } finally {
            lock.unlock();
        }
    }

    private ServerRef resolve(String service, String server) {
        Configuration cfg = config;
        VirtualServerConfig v = Names.service(cfg, service).orElseThrow(() -> new IllegalArgumentException(
                "no virtual service '" + service + "' in " + cfg.source() + " (give its name or e.g. \"tcp:10.0.0.1:80\")"));
        RealServerConfig r = Names.server(v, server).orElseThrow(() -> new IllegalArgumentException(
                "virtual service '" + v.name() + "' has no real server '" + server + "' (give its name or address:port)"));
        return ServerRef.of(v, r);
    }

    /**
     * A server's health as status and metrics show it: the verdict the overlay holds, or, for a server
     * the monitor never reported a change for (its first checks found it up, as it started), what the
     * checks found.
     */
    private Map<ServerRef, HealthState> probedHealth() {
        HealthPort port = healthPort;
        return port == null ? Map.of() : port.probed();
    }

    private HealthState shownHealth(ServerRef ref, Map<ServerRef, HealthState> probed) {
        HealthState h = health.get(ref);
        return h.status() == HealthState.Status.UNKNOWN ? probed.getOrDefault(ref, h) : h;
    }

    /** The failover peers, one line each as {@link #status()} names them; none for a director alone. Reads no table. */
    public List<String> peers() {
        RolePort rp = rolePort;
        return rp == null ? List.of() : rp.peers();
    }

    /** The role, peers, and every configured service with its real servers as the kernel has them. */
    public DirectorStatus status() {
        Configuration cfg = config;
        KernelSnapshot live = liveTable();
        Map<ServerRef, HealthState> probed = probedHealth();
        List<DirectorStatus.Service> services = new ArrayList<>();
        for (VirtualServerConfig v : cfg.virtualServers()) {
            List<DirectorStatus.Server> servers = new ArrayList<>();
            for (RealServerConfig r : v.realServers()) {
                ServerRef ref = ServerRef.of(v, r);
                HealthState h = shownHealth(ref, probed);
                Optional<RealServerEntry> e = live.server(ref.service(), ref.server());
                AdminOverrides.Override o = admin.get(ref);
                String adminText = o.disabled() ? "disabled" : o.weight().isPresent() ? "weight " + o.weight().getAsInt() : "enabled";
                servers.add(new DirectorStatus.Server(r.name(), ref.server().toString(), r.weight(),
                        e.map(x -> x.server().weight()).orElse(-1), r.active() ? h.status().name() : "INACTIVE", h.reason(),
                        adminText, e.map(RealServerEntry::activeConnections).orElse(0),
                        e.map(RealServerEntry::inactiveConnections).orElse(0),
                        e.map(RealServerEntry::stats).orElse(io.jlvs.ipvs.Stats.ZERO)));
            }
            services.add(new DirectorStatus.Service(v.name(), v.serviceKey().toString(), v.scheduler().toString(),
                    v.active(), live.service(v.serviceKey()).isPresent(), servers));
        }
        RolePort rp = rolePort;
        return new DirectorStatus(role.name(), peers(), rp == null ? 0 : rp.failovers(),
                cfg.source(), services, rp == null ? "none" : rp.authentication(),
                rp == null ? DirectorStatus.Failover.NONE : rp.failover());
    }

    private KernelSnapshot liveTable() {
        lock.lock();
        try {
            return closed.get() ? new KernelSnapshot(List.of()) : kernel.read();
        } finally {
            lock.unlock();
        }
    }

    private DirectorMetrics.View metricsView() {
        Configuration cfg = config;
        List<DirectorMetrics.ServerHealth> healthView = new ArrayList<>();
        Map<ServerRef, HealthState> probed = probedHealth();
        Map<ServiceKey, String> virtualNames = new java.util.HashMap<>();
        Map<ServerRef, String> serverNames = new java.util.HashMap<>();
        for (VirtualServerConfig v : cfg.activeVirtualServers()) {
            virtualNames.putIfAbsent(v.serviceKey(), v.name()); // the first block of a shared firewall mark
            for (RealServerConfig r : v.realServers()) {
                ServerRef ref = ServerRef.of(v, r);
                healthView.add(new DirectorMetrics.ServerHealth(ref, shownHealth(ref, probed)));
                serverNames.putIfAbsent(ref, r.name());
            }
            v.sorryServer().ifPresent(s -> serverNames.putIfAbsent(ServerRef.of(v, s), s.name()));
        }
        RolePort rp = rolePort;
        return new DirectorMetrics.View(lastSnapshot, healthView, role, rp == null ? 0 : rp.failovers(), stats,
                rp == null ? "none" : rp.authentication(), new DirectorMetrics.Names(virtualNames, serverNames));
    }

    /** Waits until the director's own thread has run everything queued so far (tests). */
    /**
     * Whether the director's own loop is alive: a task on its timer thread (where health reconciles
     * and drift checks run) gets the table lock within {@code timeout}. False when the loop is stuck
     * (a reconcile hanging on the kernel, a wedged timer) or the director is closed: what a service
     * manager's watchdog should hear about (jlvsd sends systemd WATCHDOG=1 only while this is true).
     */
    public boolean responsive(Duration timeout) {
        if (closed.get()) {
            return false;
        }
        long nanos = timeout.toNanos();
        long deadline = System.nanoTime() + nanos;
        try {
            return timer.submit(() -> {
                if (lock.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    lock.unlock();
                    return true;
                }
                return false;
            }).get(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                 | java.util.concurrent.RejectedExecutionException e) {
            return false;
        }
    }

    /**
     * One line for a service manager's status ({@code systemctl status}): role, services programmed of
     * those configured, failovers. Takes no lock and reads no kernel, so it answers while a reconcile runs.
     */
    public String statusLine() {
        RolePort rp = rolePort;
        long failovers = rp == null ? 0 : rp.failovers();
        int programmed = appliedServices;
        return "role " + role.name() + ", " + (programmed < 0 ? "?" : Integer.toString(programmed)) + "/"
                + groups.size() + " services programmed, " + failovers + (failovers == 1 ? " failover" : " failovers");
    }

    void awaitIdle() throws Exception {
        timer.submit(() -> { }).get(30, TimeUnit.SECONDS);
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

    /** Sorted by their text, so that a plan over several services comes out the same each time. */
    private static Set<ServiceKey> inOrder(Set<ServiceKey> keys) {
        Set<ServiceKey> sorted = new java.util.TreeSet<>(java.util.Comparator.comparing(ServiceKey::toString));
        sorted.addAll(keys);
        return sorted;
    }

    /** The services {@code keys} of the table applied last, which the kernel holds (it applied them). */
    private DesiredTable appliedOf(Set<ServiceKey> keys) {
        List<TableService> have = new ArrayList<>();
        for (ServiceKey key : keys) {
            TableService s = applied.get(key);
            if (s != null) {
                have.add(s);
            }
        }
        return DesiredTable.of(have);
    }

    /**
     * The services whose configuration differs between two {@link DesiredTable#groups} maps: added,
     * removed, or with any virtual server of the group changed (an unchanged one is usually the same
     * instance, which makes the comparison cheap).
     */
    static Set<ServiceKey> changedServices(Map<ServiceKey, List<VirtualServerConfig>> before,
            Map<ServiceKey, List<VirtualServerConfig>> after) {
        Set<ServiceKey> changed = new HashSet<>();
        before.forEach((key, group) -> {
            if (!sameGroup(group, after.get(key))) {
                changed.add(key);
            }
        });
        after.keySet().stream().filter(key -> !before.containsKey(key)).forEach(changed::add);
        return changed;
    }

    private static boolean sameGroup(List<VirtualServerConfig> a, List<VirtualServerConfig> b) {
        if (b == null || a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i) && !a.get(i).equals(b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a server is in {@code cfg} (any virtual server, active or not): checked per remembered
     * verdict or override, instead of building the set of all 50,000 servers of a large file. The
     * active virtual servers come from {@code active} (their {@link DesiredTable#groups}), so only the
     * inactive ones' keys are computed here.
     */
    private static Predicate<ServerRef> configured(Configuration cfg, Map<ServiceKey, List<VirtualServerConfig>> active) {
        Map<ServiceKey, List<VirtualServerConfig>> inactive = new java.util.HashMap<>();
        for (VirtualServerConfig v : cfg.virtualServers()) {
            if (!v.active()) {
                inactive.computeIfAbsent(v.serviceKey(), k -> new ArrayList<>()).add(v);
            }
        }
        return ref -> java.util.stream.Stream.of(active, inactive)
                .flatMap(m -> m.getOrDefault(ref.service(), List.of()).stream())
                .anyMatch(v -> v.realServers().stream().anyMatch(s -> ServerRef.of(v, s).server().equals(ref.server())));
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
        settings.stateFile().map(RestartOnlySettings::fileFor).ifPresent(f -> {
            try {
                java.nio.file.Files.deleteIfExists(f);
            } catch (java.io.IOException e) {
                log.warn(Kv.line("event", "stop", "file", f, "error", e.toString()));
            }
        });
        // Last: the next director may start only once this one has let go of everything.
        closeQuietly(instance);
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
