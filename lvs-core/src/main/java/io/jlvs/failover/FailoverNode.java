package io.jlvs.failover;

import io.jlvs.failover.internal.heartbeat.HeartbeatEngine;
import io.jlvs.failover.internal.heartbeat.HeartbeatTransport;
import io.jlvs.failover.internal.heartbeat.NodeClock;
import io.jlvs.failover.internal.heartbeat.RoleMachine;
import io.jlvs.netlink.NetworkNamespace;
import io.jlvs.sys.Syscalls;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member of a failover group, running: heartbeats on every path, peer liveness, the election,
 * and role events for {@link RoleListener}s (a {@link Takeover} takes and releases the addresses).
 *
 * <pre>{@code
 * FailoverNode node = FailoverNode.builder(config).listener(takeover).start();
 * ...
 * node.close();   // releases the active role (listeners run), then says goodbye to the peers
 * }</pre>
 *
 * Two threads: the heartbeat loop, and the event thread that calls listeners in order. A heartbeat
 * loop that dies of an unexpected failure does not leave the node half-alive, still holding the
 * addresses while it no longer hears or answers its peers: the node goes to FAULT (listeners release
 * the active role) and tells the builder's {@link Builder#onFailure failure handler}, whose job is
 * to end the process so that its supervisor starts a whole one.
 */
public final class FailoverNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FailoverNode.class);
    /** Bound on waiting for listeners to release the active role when closing. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(60);

    private final FailoverConfig config;
    private final List<RoleListener> listeners;
    private final HeartbeatTransport transport;
    private final HeartbeatEngine engine;
    private final Thread loop;
    private final ExecutorService eventThread;
    private final AtomicInteger demotionsPending = new AtomicInteger();
    private final Object closeLock = new Object();
    private final java.util.function.Consumer<Throwable> onFailure;
    private boolean closed;

    private FailoverNode(Builder b) {
        this.config = b.config;
        this.listeners = List.copyOf(b.listeners);
        this.onFailure = b.onFailure;
        String id = Integer.toUnsignedString(config.nodeId());
        this.transport = HeartbeatTransport.open(b.namespace, b.sys, config.localAddresses(), config.port());
        this.eventThread = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("jlvs-failover-events-" + id).daemon(true).factory());
        HeartbeatEngine.Events events = new HeartbeatEngine.Events() {
            @Override
            public void roleChanged(RoleMachine.Transition t, Instant time) {
                dispatchRole(new RoleChange(t.from(), t.to(), t.reason(), time));
            }

            @Override
            public void peerChanged(PeerChange change) {
                dispatch(l -> l.onPeerChange(change), change.toString());
            }

            @Override
            public Role advertised(Role machineRole) {
                return demotionsPending.get() > 0 ? Role.ACTIVE : machineRole;
            }
        };
        this.engine = new HeartbeatEngine(config, transport, b.selfCheck, b.clock, events, b.sendFilter,
                new SecureRandom().nextLong());
        this.loop = Thread.ofPlatform().name("jlvs-failover-" + id).daemon(true).unstarted(this::runLoop);
    }

    private void runLoop() {
        try {
            engine.run();
        } catch (RuntimeException | Error e) {
            // Everything, Errors too: the loop is gone either way, and a node that no longer sends
            // heartbeats must not keep the VIPs while the peer takes them over.
            LOG.error("node {}: heartbeat loop failed; going to FAULT", Integer.toUnsignedString(config.nodeId()), e);
            try {
                engine.fault("heartbeat loop failed: " + e);
            } finally {
                onFailure.accept(e);
            }
        }
    }

    /** A builder for a node with {@code config}. */
    public static Builder builder(FailoverConfig config) {
        return new Builder(config);
    }

    public FailoverConfig config() {
        return config;
    }

    /** The role this node has decided on (listeners may still be acting on it). */
    public Role role() {
        return engine.role();
    }

    /** Each peer as this node sees it now. */
    public List<PeerStatus> peers() {
        return engine.peers();
    }

    public HeartbeatStatistics statistics() {
        return engine.statistics();
    }

    /**
     * Stops: the node leaves its role while its heartbeats go on (listeners release the active role,
     * bounded by a minute, and the peers keep hearing ACTIVE until they have), then the heartbeat loop
     * ends and one STOPPED heartbeat tells the peers to take over at once.
     */
    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        // Leave from inside the loop: it keeps sending heartbeats (advertising ACTIVE while the listeners
        // release the addresses), so the peer never takes them over on silence while this node still
        // holds them; then the loop ends and one STOPPED heartbeat tells the peer to take over at once.
        engine.requestLeave("node closing");
        try {
            loop.join(CLOSE_TIMEOUT.plus(config.keepalive()).toMillis());
            if (loop.isAlive()) {
                LOG.error("node {}: role listeners still releasing after {} s; stopping the heartbeats anyway",
                        Integer.toUnsignedString(config.nodeId()), CLOSE_TIMEOUT.toSeconds());
                engine.requestStop();
                loop.join(Duration.ofSeconds(10).plus(config.keepalive()).toMillis());
            }
            engine.stop("node closing");   // when the loop had ended before (a failure): no-op otherwise
            eventThread.shutdown();
            if (!eventThread.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.error("node {}: role listeners still running after {} s; saying goodbye anyway",
                        Integer.toUnsignedString(config.nodeId()), CLOSE_TIMEOUT.toSeconds());
            }
            engine.sendGoodbye();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            transport.close();
        }
    }

    private void start() {
        LOG.info("node {} starting: priority {}, preempt {}, keepalive {} ms, deadtime {} ms, paths {}",
                Integer.toUnsignedString(config.nodeId()), config.priority(), config.preempt(),
                config.keepalive().toMillis(), config.deadtime().toMillis(), config.allPaths());
        loop.start();
    }

    private void dispatchRole(RoleChange change) {
        boolean demotion = change.leftActive();
        if (demotion) {
            // Keep advertising ACTIVE until the listeners have released the addresses.
            demotionsPending.incrementAndGet();
        }
        eventThread.execute(() -> {
            try {
                for (RoleListener l : listeners) {
                    call(l, () -> l.onRoleChange(change), change.toString());
                }
            } finally {
                if (demotion) {
                    demotionsPending.decrementAndGet();
                    engine.wakeup();
                }
            }
        });
    }

    private void dispatch(java.util.function.Consumer<RoleListener> action, String what) {
        eventThread.execute(() -> listeners.forEach(l -> call(l, () -> action.accept(l), what)));
    }

    private void call(RoleListener l, Runnable r, String what) {
        try {
            r.run();
        } catch (RuntimeException | Error e) {
            LOG.error("node {}: role listener {} failed on {}", Integer.toUnsignedString(config.nodeId()), l, what, e);
        }
    }

    /** Builds and starts a {@link FailoverNode}. Not thread-safe. */
    public static final class Builder {
        private final FailoverConfig config;
        private final List<RoleListener> listeners = new ArrayList<>();
        private NetworkNamespace namespace = NetworkNamespace.current();
        private Syscalls sys;
        private SelfCheck selfCheck = SelfCheck.healthy();
        private NodeClock clock = NodeClock.system();
        private Predicate<HeartbeatPath> sendFilter = p -> true;
        private java.util.function.Consumer<Throwable> onFailure = e -> { };

        private Builder(FailoverConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Adds a listener; listeners are called in the order added. */
        public Builder listener(RoleListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** The namespace whose network the heartbeat sockets use (default: the caller's). */
        public Builder namespace(NetworkNamespace namespace) {
            this.namespace = Objects.requireNonNull(namespace, "namespace");
            return this;
        }

        /** The node's own health (default: always healthy). */
        public Builder selfCheck(SelfCheck selfCheck) {
            this.selfCheck = Objects.requireNonNull(selfCheck, "selfCheck");
            return this;
        }

        /**
         * Told when the heartbeat loop died of an unexpected failure, after the node went to FAULT
         * (the listeners are releasing the active role on the event thread). Default: nothing.
         */
        public Builder onFailure(java.util.function.Consumer<Throwable> handler) {
            this.onFailure = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /** Tests: which heartbeats actually leave (to inject loss or cut a path). */
        Builder sendFilter(Predicate<HeartbeatPath> filter) {
            this.sendFilter = Objects.requireNonNull(filter, "filter");
            return this;
        }

        /** Binds the sockets and starts the heartbeat loop; the node begins in INIT. */
        public FailoverNode start() {
            if (sys == null && !namespace.isCurrent()) {
                sys = Syscalls.system();
            }
            FailoverNode node = new FailoverNode(this);
            node.start();
            return node;
        }
    }
}
