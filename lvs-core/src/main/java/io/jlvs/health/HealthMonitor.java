package io.jlvs.health;

import io.jlvs.health.internal.CommandRunner;
import io.jlvs.health.internal.Decisions;
import io.jlvs.health.internal.HealthEngine;
import io.jlvs.health.internal.ProbeKey;
import io.jlvs.health.internal.check.TcpConnector;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the real servers of watched virtual services true to their health checks.
 *
 * <p>One scheduler thread starts every due probe: a {@link TcpConnectCheck} as a non-blocking
 * connect on one shared selector thread, any other check on its own virtual thread; there is never a
 * thread per server waiting for its next turn, and a probe that is still running when its next turn
 * comes is not started twice. The scheduler works in rounds at most one tick apart (5 ms by default):
 * a probe starts at most a tick late, and results are collected every tick rather than each waking
 * the scheduler, which is what keeps 10,000 servers a second cheap. Probes are deduplicated: one per distinct (target, check), whichever services
 * share it, and each result updates every one of them. Decisions (rise/fall, quiesce or remove, slow
 * start, dynamic weight, sorry server, quorum) are made on the scheduler thread, published to
 * {@link HealthListener}s, logged once per change, and handed to the {@link Actuator} on a separate
 * thread, batched: everything decided while the actuator was busy arrives as one list.
 *
 * <pre>{@code
 * try (HealthMonitor monitor = HealthMonitor.builder(new IpvsActuator(ipvs)).watch(service).build()) {
 *     monitor.start();
 *     ...
 *     monitor.snapshot().service(key).desiredRealServers();
 * }
 * }</pre>
 */
public final class HealthMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);
    private static final Duration IDLE_WAIT = Duration.ofHours(1);

    private final HealthClock clock;
    private final Actuator actuator;
    private final ProbeObserver observer;
    private final Duration shutdownTimeout;
    private final Duration probeGrace;
    private final CommandRunner commands;
    private final List<HealthListener> listeners = new CopyOnWriteArrayList<>();
    private final HealthEngine engine;
    private final Decisions initial = new Decisions();

    private final Duration tick;
    private final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    /** Finished probes, collected by the scheduler every tick: adding one wakes nobody. */
    private final ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();
    private final LinkedBlockingQueue<List<Change>> outbox = new LinkedBlockingQueue<>();
    private final Map<ProbeKey, Running> running = new ConcurrentHashMap<>();
    private final Object lifecycle = new Object();
    private Thread scheduler;
    private Thread actuation;
    private Thread passiveThread;
    /** TCP connect probes, opened at the first one; null before, or after it failed (threads then). */
    private TcpConnector connector;
    private volatile boolean connectorFailed;
    private final PassiveSignal passive;
    private final Duration passiveEvery;
    private final java.util.function.Consumer<Throwable> onFailure;
    private volatile boolean stopping;
    private Instant lastWatchdog;
    private boolean started;

    /**
     * A probe on its way; {@code interrupted} once the watchdog has interrupted it (it says so once).
     * {@code thread} is null for a probe on the {@link TcpConnector}, which enforces its timeout itself.
     */
    private record Running(Thread thread, Instant started, Duration timeout, boolean interrupted) {
    }

    private record Result(ProbeKey key, ProbeResult result) {
    }

    private record Reconfigure(List<WatchedService> services) {
    }

    private record Noticed(List<HealthEvent> events) {
    }

    private static final Object WAKE = new Object();

    private HealthMonitor(Builder b) {
        this.clock = b.clock;
        this.actuator = b.actuator;
        this.observer = b.observer;
        this.shutdownTimeout = b.shutdownTimeout;
        this.probeGrace = b.probeGrace;
        this.tick = b.tick;
        this.commands = new CommandRunner(b.commandTimeout);
        this.listeners.addAll(b.listeners);
        this.passive = b.passive;
        this.passiveEvery = b.passiveEvery;
        this.onFailure = b.onFailure;
        this.engine = new HealthEngine(List.copyOf(b.services), clock.now(), b.jitter, initial);
        clock.onAdvance(() -> inbox.offer(WAKE));
    }

    public static Builder builder(Actuator actuator) {
        return new Builder(actuator);
    }

    /** Starts probing. Decisions made at construction (servers that start down) are published first. */
    public void start() {
        synchronized (lifecycle) {
            if (started) {
                throw new IllegalStateException("health monitor already started");
            }
            started = true;
            actuation = Thread.ofVirtual().name("jlvs-health-actuator").start(this::actuationLoop);
            scheduler = Thread.ofPlatform().daemon().name("jlvs-health-scheduler").start(this::schedulerLoop);
            if (passive != null) {
                passiveThread = Thread.ofVirtual().name("jlvs-health-passive").start(this::passiveLoop);
            }
        }
    }

    public void addListener(HealthListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(HealthListener listener) {
        listeners.remove(listener);
    }

    /** Replaces the watched services; servers and probes that stay keep their state and schedule. */
    public void reconfigure(List<WatchedService> services) {
        // Validate on the caller's thread, so a bad configuration is the caller's exception.
        new HealthEngine(List.copyOf(services), clock.now(), RandomGenerator.getDefault(), new Decisions());
        inbox.offer(new Reconfigure(List.copyOf(services)));
    }

    /** What every watched service and real server should be now. */
    public HealthSnapshot snapshot() {
        synchronized (engine) {
            return engine.snapshot(clock.now());
        }
    }

    private void schedulerLoop() {
        publish(initial);
        try {
            Object message = null;
            while (!stopping) {
                long roundStart = System.nanoTime();
                Decisions d = new Decisions();
                if (message == null) {
                    message = inbox.poll();
                }
                while (message != null) {
                    handle(message, d);
                    message = inbox.poll();
                }
                Result result;
                while ((result = results.poll()) != null) {
                    handle(result, d);
                }
                Instant now = clock.now();
                List<HealthEngine.DueProbe> due;
                Instant deadline;
                synchronized (engine) {
                    d.addAll(engine.tick(now));
                    due = engine.takeDue(now);
                    deadline = engine.nextDeadline();
                }
                for (HealthEngine.DueProbe p : due) {
                    launch(p);
                }
                if (connector != null) {
                    connector.flush();
                }
                publish(d);
                watchdog(now);
                Duration wait = deadline == null ? IDLE_WAIT : clock.realWaitUntil(deadline);
                if (!running.isEmpty() && wait.compareTo(tick) > 0) {
                    wait = tick; // collect results and look at overdue probes
                }
                // Rounds at most a tick apart: what falls due sooner waits for the next round, so that
                // probes due 100 us apart start in batches, not with a wake-up each.
                long untilNextRound = tick.toNanos() - (System.nanoTime() - roundStart);
                long waitNanos = Math.max(wait.toNanos(), untilNextRound);
                if (waitNanos > 0) {
                    message = inbox.poll(waitNanos, TimeUnit.NANOSECONDS);
                }
            }
        } catch (InterruptedException e) {
            // close() interrupts a wait
        } catch (RuntimeException | Error e) {
            // Probing has stopped for good: verdicts would freeze while the director keeps serving
            // as if they were current. The owner decides (jlvsd gives up its role and exits).
            LOG.error("health monitor scheduler stopped by an unexpected failure", e);
            onFailure.accept(e);
        }
    }

    private void handle(Object message, Decisions d) {
        Instant now = clock.now();
        if (message instanceof Result r) {
            running.remove(r.key());
            synchronized (engine) {
                d.addAll(engine.record(r.key(), r.result(), now));
            }
        } else if (message instanceof Noticed n) {
            d.events.addAll(n.events());
        } else if (message instanceof Reconfigure c) {
            synchronized (engine) {
                engine.reconfigure(c.services(), now, d);
            }
            LOG.info("health monitor now watches {} services, {} distinct probes", c.services().size(), engine.probeCount());
        }
    }

    private void passiveLoop() {
        while (!stopping) {
            try {
                Thread.sleep(passiveEvery);
                List<io.jlvs.ipvs.ServiceKey> keys;
                synchronized (engine) {
                    keys = engine.serviceKeys();
                }
                List<HealthEvent> events = passive.poll(keys, clock.now());
                if (!events.isEmpty()) {
                    inbox.offer(new Noticed(events));
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("passive health signal: cannot read the kernel's counters: {}", e.getMessage());
            }
        }
    }

    private void launch(HealthEngine.DueProbe p) {
        ProbeKey key = p.key();
        if (key.check() instanceof TcpConnectCheck tcp && connector() != null) {
            running.put(key, new Running(null, clock.now(), tcp.timeout(), false));
            connector.connect(key.target(), tcp.options(), (started, result) -> finished(p, started, result));
            return;
        }
        Thread t = Thread.ofVirtual().unstarted(() -> probe(p));
        running.put(key, new Running(t, clock.now(), key.check().timeout(), false));
        t.start();
    }

    private void probe(HealthEngine.DueProbe p) {
        ProbeKey key = p.key();
        Instant started = clock.now();
        ProbeResult result;
        long t0 = System.nanoTime();
        try {
            result = key.check().probe(key.target());
            if (result == null) {
                result = ProbeResult.down("check " + key.check().type() + " returned no result", Duration.ofNanos(System.nanoTime() - t0));
            }
        } catch (InterruptedException e) {
            if (stopping) {
                return;
            }
            result = ProbeResult.down("probe did not finish within " + key.check().timeout() + " and was interrupted",
                    Duration.ofNanos(System.nanoTime() - t0));
        } catch (RuntimeException e) {
            result = ProbeResult.down("check " + key.check().type() + " failed: " + e, Duration.ofNanos(System.nanoTime() - t0));
        }
        finished(p, started, result);
    }

    /** A probe's result, on the thread that ran it: told to the observer, then queued for the scheduler. */
    private void finished(HealthEngine.DueProbe p, Instant started, ProbeResult result) {
        ProbeKey key = p.key();
        if (observer != null) {
            try {
                observer.probed(key.target(), key.check(), p.scheduled(), started, result);
            } catch (RuntimeException e) {
                LOG.warn("probe observer failed", e);
            }
        }
        results.add(new Result(key, result));
    }

    /** The TCP connector, opened on first use; null if it cannot be (each probe then has a thread). */
    private TcpConnector connector() {
        if (connector == null && !connectorFailed) {
            try {
                // two threads: probing keeps up when one of them is short of CPU on a busy machine
                connector = new TcpConnector(clock, "jlvs-health-tcp", 2, e -> {
                    connectorFailed = true;
                    LOG.error("health TCP connector stopped by an unexpected failure; TCP probes now run on"
                            + " a thread each", e);
                });
            } catch (IOException | RuntimeException e) {
                connectorFailed = true;
                LOG.warn("cannot open the health TCP connector ({}); TCP probes run on a thread each", e.toString());
            }
        }
        return connectorFailed ? null : connector;
    }

    /** Interrupts probes that outlived their check's timeout by more than the grace period. */
    private void watchdog(Instant now) {
        // Walking every running probe is O(n): at most ten times a second, not once per result.
        if (lastWatchdog != null && now.isBefore(lastWatchdog.plusMillis(100))) {
            return;
        }
        lastWatchdog = now;
        for (Map.Entry<ProbeKey, Running> e : running.entrySet()) {
            Running r = e.getValue();
            if (r.thread() != null && !r.interrupted() && r.started().plus(r.timeout()).plus(probeGrace).isBefore(now) && r.thread().isAlive()) {
                // once: a probe deaf to interrupts would otherwise be logged ten times a second
                LOG.warn("probe {} still running {} after its timeout; interrupting it", e.getKey(), probeGrace);
                running.replace(e.getKey(), r, new Running(r.thread(), r.started(), r.timeout(), true));
                r.thread().interrupt();
            }
        }
    }

    private void publish(Decisions d) {
        for (HealthEvent event : d.events) {
            LOG.info("{}", event);
            for (HealthListener l : listeners) {
                try {
                    l.onEvent(event);
                } catch (RuntimeException e) {
                    LOG.warn("health listener {} failed on {}", l, event, e);
                }
            }
        }
        for (List<String> argv : d.commands) {
            commands.start(argv, "quorum command");
        }
        if (!d.changes.isEmpty()) {
            outbox.add(List.copyOf(d.changes)); // one element per decision step, so a step is never split
        }
    }

    private void actuationLoop() {
        while (true) {
            List<Change> first;
            try {
                first = outbox.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = null;
                stopping = true;
            }
            if (first == null) {
                if (stopping) {
                    break;
                }
                continue;
            }
            List<Change> batch = new ArrayList<>(first);
            List<List<Change>> more = new ArrayList<>();
            outbox.drainTo(more);
            more.forEach(batch::addAll);
            try {
                actuator.apply(batch);
            } catch (RuntimeException e) {
                LOG.warn("actuator failed to apply {} changes", batch.size(), e);
            }
        }
        List<List<Change>> left = new ArrayList<>();
        outbox.drainTo(left);
        List<Change> rest = new ArrayList<>();
        left.forEach(rest::addAll);
        if (!rest.isEmpty()) {
            try {
                actuator.apply(rest);
            } catch (RuntimeException e) {
                LOG.warn("actuator failed to apply {} changes at shutdown", rest.size(), e);
            }
        }
    }

    /**
     * Stops probing: running probes are interrupted, changes already decided are still handed to the
     * actuator, and every thread is waited for, at most the shutdown timeout in all.
     */
    @Override
    public void close() {
        Thread s;
        Thread a;
        synchronized (lifecycle) {
            stopping = true;
            s = scheduler;
            a = actuation;
        }
        if (s == null) {
            return;
        }
        long deadline = System.nanoTime() + shutdownTimeout.toNanos();
        s.interrupt();
        join(s, deadline);
        if (passiveThread != null) {
            passiveThread.interrupt();
            join(passiveThread, deadline);
        }
        if (connector != null) {
            connector.close(); // the scheduler has stopped: nothing adds to it any more
        }
        for (Running r : running.values()) {
            if (r.thread() != null) {
                r.thread().interrupt();
            }
        }
        for (Running r : running.values()) {
            if (r.thread() != null) {
                join(r.thread(), deadline);
            }
        }
        join(a, deadline);
        List<List<String>> atStop;
        synchronized (engine) {
            atStop = engine.commandsAtStop();
        }
        // keepalived's omega: stopping takes the services away, so their quorum-lost programs run now,
        // each bounded by the command timeout (the runner kills what outlives it)
        List<Thread> started = new ArrayList<>();
        for (List<String> argv : atStop) {
            started.add(commands.start(argv, "quorum command (stopping)"));
        }
        for (Thread t : started) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void join(Thread t, long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        try {
            if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                LOG.warn("{} did not stop within the shutdown timeout", t.getName());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Builds a {@link HealthMonitor}. Not thread-safe. */
    public static final class Builder {
        private final Actuator actuator;
        private final List<WatchedService> services = new ArrayList<>();
        private final List<HealthListener> listeners = new ArrayList<>();
        private HealthClock clock = HealthClock.system();
        private RandomGenerator jitter = RandomGenerator.getDefault();
        private ProbeObserver observer;
        private Duration shutdownTimeout = Duration.ofSeconds(5);
        private Duration probeGrace = Duration.ofSeconds(1);
        private Duration tick = Duration.ofMillis(5);
        private Duration commandTimeout = Duration.ofSeconds(30);
        private PassiveSignal passive;
        private Duration passiveEvery;
        private java.util.function.Consumer<Throwable> onFailure = e -> { };

        private Builder(Actuator actuator) {
            this.actuator = Objects.requireNonNull(actuator, "actuator");
        }

        public Builder watch(WatchedService service) {
            services.add(Objects.requireNonNull(service, "service"));
            return this;
        }

        public Builder watch(List<WatchedService> all) {
            all.forEach(this::watch);
            return this;
        }

        public Builder listener(HealthListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Told when the scheduler thread died of an unexpected failure: no probe runs any more.
         * Default: nothing (the failure is logged).
         */
        public Builder onFailure(java.util.function.Consumer<Throwable> handler) {
            this.onFailure = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /** The clock (default: the system clock); tests pass a manual one. */
        public Builder clock(HealthClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The source of start jitter (each probe's first run is uniform over its first interval). */
        public Builder jitter(RandomGenerator jitter) {
            this.jitter = Objects.requireNonNull(jitter, "jitter");
            return this;
        }

        public Builder probeObserver(ProbeObserver observer) {
            this.observer = observer;
            return this;
        }

        /** The bound on {@link HealthMonitor#close()} (default 5 s). */
        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = positive(timeout, "shutdownTimeout");
            return this;
        }

        /** How long past its check's timeout a probe may run before it is interrupted (default 1 s). */
        public Builder probeGrace(Duration grace) {
            this.probeGrace = positive(grace, "probeGrace");
            return this;
        }

        /**
         * How far apart the scheduler's rounds are at least (default 5 ms): a probe starts at most this
         * late, and a result is acted on at most this late. Shorter costs more wake-ups at scale.
         */
        public Builder tick(Duration tick) {
            this.tick = positive(tick, "tick");
            return this;
        }

        /** The bound on one quorum command's run (default 30 s); the process tree is killed after it. */
        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = positive(timeout, "commandTimeout");
            return this;
        }

        /**
         * Polls {@code signal} every {@code every} (real time) and publishes its informational events;
         * give it a reader that is safe to call from another thread, e.g. {@link IpvsActuator#realServers}.
         */
        public Builder passiveSignal(PassiveSignal signal, Duration every) {
            this.passive = Objects.requireNonNull(signal, "passive signal");
            this.passiveEvery = positive(every, "passive signal interval");
            return this;
        }

        private static Duration positive(Duration d, String setting) {
            Objects.requireNonNull(d, setting);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("health monitor " + setting + " must be positive, got " + d);
            }
            return d;
        }

        /** The monitor, validated (a service watched twice is refused here); call start() to run it. */
        public HealthMonitor build() {
            return new HealthMonitor(this);
        }
    }
}
