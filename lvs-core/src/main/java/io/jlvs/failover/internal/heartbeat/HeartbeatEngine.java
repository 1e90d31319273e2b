package io.jlvs.failover.internal.heartbeat;

import io.jlvs.failover.FailoverConfig;
import io.jlvs.failover.HeartbeatPath;
import io.jlvs.failover.HeartbeatStatistics;
import io.jlvs.failover.Peer;
import io.jlvs.failover.PeerChange;
import io.jlvs.failover.PeerState;
import io.jlvs.failover.PeerStatus;
import io.jlvs.failover.Role;
import io.jlvs.failover.SelfCheck;
import io.jlvs.failover.internal.heartbeat.HeartbeatCodec.Decoded;
import io.jlvs.failover.internal.heartbeat.HeartbeatCodec.Rejection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's heartbeat loop, all on one thread: send a round on every path each keepalive, read and
 * check datagrams, track peers, run the election, and hand role and peer changes to {@link Events}.
 * It wakes at the earliest of the next send and the next moment a peer's freshness runs out, so a
 * dead peer is noticed one dead time after its last heartbeat, not up to a keepalive later.
 */
public final class HeartbeatEngine implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatEngine.class);
    /** Bound on evaluate() steps per wake-up (FAULT -> BACKUP -> ACTIVE needs two). */
    private static final int MAX_STEPS = 4;

    private final FailoverConfig config;
    private final HeartbeatTransport transport;
    private final HeartbeatCodec codec;
    private final SelfCheck selfCheck;
    private final NodeClock clock;
    private final Events events;
    private final Predicate<HeartbeatPath> sendFilter;
    private final long bootId;
    private final long keepaliveNanos;
    private final List<PeerTracker> trackers = new ArrayList<>();
    private final Map<PathKey, Route> routes = new HashMap<>();
    private final RejectLog rejectLog = new RejectLog();
    private final RoleMachine machine;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong badMac = new AtomicLong();
    private final AtomicLong unknownPeer = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();
    private volatile boolean stopping;
    private volatile String leaveReason;
    private volatile Role role = Role.INIT;
    private volatile List<PeerStatus> peerStatus = List.of();
    private long sequence;
    private Role lastSent;

    /** What the engine tells its owner. Called on the engine's thread; must not block long. */
    public interface Events {
        /** The machine changed role; {@code time} is the wall clock. */
        void roleChanged(RoleMachine.Transition transition, java.time.Instant time);

        void peerChanged(PeerChange change);

        /**
         * The role to advertise for {@code machineRole}: the owner keeps ACTIVE advertised while it
         * is still releasing addresses.
         */
        Role advertised(Role machineRole);
    }

    public HeartbeatEngine(FailoverConfig config, HeartbeatTransport transport, SelfCheck selfCheck, NodeClock clock,
            Events events, Predicate<HeartbeatPath> sendFilter, long bootId) {
        this.config = config;
        this.transport = transport;
        this.codec = new HeartbeatCodec(config.key());
        this.selfCheck = selfCheck;
        this.clock = clock;
        this.events = events;
        this.sendFilter = sendFilter;
        this.bootId = bootId;
        this.keepaliveNanos = config.keepalive().toNanos();
        for (Peer peer : config.peers()) {
            PeerTracker tracker = new PeerTracker(peer, config.deadtime().toNanos(), () -> clock.now().toEpochMilli());
            trackers.add(tracker);
            for (int i = 0; i < peer.paths().size(); i++) {
                HeartbeatPath path = peer.paths().get(i);
                routes.put(new PathKey(path.local(), path.peer()), new Route(tracker, i));
            }
        }
        this.machine = new RoleMachine(config.nodeId(), config.priority(), clock.nanoTime(),
                config.initialWait().toNanos(), config.holdDown().toNanos());
        publishPeerStatus(clock.nanoTime());
    }

    /** The machine's role (not the advertised one). */
    public Role role() {
        return role;
    }

    public List<PeerStatus> peers() {
        return peerStatus;
    }

    public HeartbeatStatistics statistics() {
        return new HeartbeatStatistics(sent.get(), accepted.get(), malformed.get(), badMac.get(), unknownPeer.get(),
                replayed.get());
    }

    /** Makes {@link #run} return soon (any thread). */
    public void requestStop() {
        stopping = true;
        transport.wakeup();
    }

    /**
     * Leaves the election from inside the loop (any thread): the STOPPED transition for the owner, and
     * heartbeats go on, advertising ACTIVE while the owner still releases what the active role held (see
     * {@link Events#advertised}), so a peer never sees this node fall silent while it still holds the
     * addresses. {@link #run} returns once nothing is left to release; the owner then calls
     * {@link #sendGoodbye}.
     */
    public void requestLeave(String reason) {
        leaveReason = reason;
        transport.wakeup();
    }

    /** Makes the loop look at the advertised role again (any thread). */
    public void wakeup() {
        transport.wakeup();
    }

    @Override
    public void run() {
        long nextSend = clock.nanoTime();
        boolean left = false;
        while (!stopping) {
            String leave = leaveReason;
            if (leave != null && !left) {
                stop(leave);
                left = true;
            }
            if (left && events.advertised(machine.role()) != Role.ACTIVE) {
                return;   // released (or never held): the owner says goodbye
            }
            long now = clock.nanoTime();
            if (now - nextSend >= 0 || events.advertised(machine.role()) != lastSent) {
                sendRound(events.advertised(machine.role()));
                // Fixed rate, but never a burst to catch up after a stall.
                nextSend = Math.max(nextSend + keepaliveNanos, now + keepaliveNanos / 2);
            }
            update(now);
            long wakeAt = nextSend;
            for (PeerTracker t : trackers) {
                long expiry = t.nextExpiry(now);
                if (expiry != Long.MAX_VALUE) {
                    wakeAt = Math.min(wakeAt, expiry);
                }
            }
            long waitMillis = Math.max(1, (wakeAt - clock.nanoTime() + 999_999) / 1_000_000);
            try {
                transport.receive(waitMillis, this::onDatagram);
            } catch (IOException e) {
                if (!stopping) {
                    LOG.warn("node {}: receiving heartbeats failed: {}", id(config.nodeId()), e.toString());
                }
            }
        }
    }

    /**
     * Leaves the election (after {@link #run} returned): the STOPPED transition for the owner, who
     * releases what the active role held, then calls {@link #sendGoodbye}.
     */
    public Optional<RoleMachine.Transition> stop(String reason) {
        Optional<RoleMachine.Transition> t = machine.stop(reason);
        t.ifPresent(tr -> {
            role = tr.to();
            events.roleChanged(tr, clock.now());
        });
        return t;
    }

    /**
     * Goes to FAULT for {@code reason} (after {@link #run} ended by a failure): the owner releases what
     * the active role held. Call on the thread that ran the loop, or after it ended.
     */
    public Optional<RoleMachine.Transition> fault(String reason) {
        Optional<RoleMachine.Transition> t = machine.evaluate(clock.nanoTime(), Optional.of(reason), List.of());
        t.ifPresent(tr -> {
            role = tr.to();
            LOG.error("node {}: {} -> {} ({})", id(config.nodeId()), tr.from(), tr.to(), tr.reason());
            events.roleChanged(tr, clock.now());
        });
        return t;
    }

    /** One STOPPED heartbeat on every path, so peers need not wait a dead time. */
    public void sendGoodbye() {
        sendRound(Role.STOPPED);
    }

    private void update(long now) {
        for (PeerTracker t : trackers) {
            Optional<PeerChange> c = t.refresh(now, clock.now());
            if (c.isPresent()) {
                logPeer(c.get(), t, now);
                events.peerChanged(c.get());
            }
        }
        Optional<String> fault = checkSelf();
        List<PeerView> live = new ArrayList<>();
        for (PeerTracker t : trackers) {
            if (t.alive() && t.latest().isPresent()) {
                Heartbeat h = t.latest().get();
                live.add(new PeerView(h.nodeId(), h.priority(), h.role(), h.preempt(), t.aliveSince()));
            }
        }
        for (int i = 0; i < MAX_STEPS; i++) {
            Optional<RoleMachine.Transition> t = machine.evaluate(now, fault, live);
            if (t.isEmpty()) {
                break;
            }
            role = t.get().to();
            LOG.info("node {}: {} -> {} ({})", id(config.nodeId()), t.get().from(), t.get().to(), t.get().reason());
            events.roleChanged(t.get(), clock.now());
        }
        publishPeerStatus(now);
    }

    private Optional<String> checkSelf() {
        try {
            return selfCheck.fault();
        } catch (RuntimeException e) {
            return Optional.of("self-check threw " + e);
        }
    }

    private void sendRound(Role advertised) {
        sequence++;
        long timestamp = clock.now().toEpochMilli();
        for (PeerTracker t : trackers) {
            for (HeartbeatPath path : t.peer().paths()) {
                if (!sendFilter.test(path)) {
                    continue;
                }
                byte[] frame = codec.encode(new Heartbeat(config.clusterId(), config.nodeId(), advertised,
                        config.priority(), config.preempt(), bootId, sequence, timestamp, path.peer()));
                try {
                    transport.send(path.local(), new InetSocketAddress(path.peer(), config.port()), frame);
                    sent.incrementAndGet();
                } catch (IOException e) {
                    // A path whose link is down: the peer's view of it is what matters, logged there.
                    if (rejectLog.shouldLog("send " + path, clock.nanoTime())) {
                        LOG.warn("node {}: cannot send heartbeat on {}: {}", id(config.nodeId()), path, e.toString());
                    }
                }
            }
        }
        lastSent = advertised;
    }

    private void onDatagram(InetAddress local, InetSocketAddress source, byte[] data, int length) {
        long now = clock.nanoTime();
        Decoded decoded = codec.decode(data, length);
        if (decoded instanceof Decoded.Rejected r) {
            reject(source, r.rejection(), r.detail(), now);
            return;
        }
        Heartbeat h = ((Decoded.Valid) decoded).heartbeat();
        Route route = routes.get(new PathKey(local, source.getAddress()));
        if (route == null || h.clusterId() != config.clusterId() || h.nodeId() != route.tracker().peer().nodeId()) {
            reject(source, Rejection.UNKNOWN_PEER, "node " + id(h.nodeId()) + " of cluster " + id(h.clusterId())
                    + " from " + source.getAddress().getHostAddress() + " to " + local.getHostAddress()
                    + " is not a configured peer path", now);
            return;
        }
        if (!h.destination().equals(local)) {
            reject(source, Rejection.REPLAY, "sent to " + h.destination().getHostAddress() + ", received on "
                    + local.getHostAddress(), now);
            return;
        }
        if (!route.tracker().heard(route.pathIndex(), h, now)) {
            boolean newBoot = route.tracker().latest().map(l -> l.bootId() != h.bootId()).orElse(true);
            reject(source, Rejection.REPLAY, replayDetail(h, newBoot), now);
            return;
        }
        accepted.incrementAndGet();
        update(now);
    }

    private String replayDetail(Heartbeat h, boolean newBoot) {
        String boot = "sequence " + Long.toUnsignedString(h.sequence()) + " of boot " + Long.toHexString(h.bootId());
        long wallNow = clock.now().toEpochMilli();
        long skew = h.timestampMillis() - wallNow;
        if (newBoot && !BootHistory.withinTolerance(h.timestampMillis(), wallNow)) {
            // Also what a genuine peer with a wrong clock sees: say how to tell the two apart.
            return boot + " is stamped " + skew + " ms from this node's clock; a new boot must be within "
                    + BootHistory.CLOCK_TOLERANCE_MILLIS + " ms (are both directors' clocks synchronised?)";
        }
        return boot + " is not newer than the last accepted";
    }

    private void reject(InetSocketAddress source, Rejection why, String detail, long now) {
        (switch (why) {
            case MALFORMED -> malformed;
            case BAD_MAC -> badMac;
            case UNKNOWN_PEER -> unknownPeer;
            case REPLAY -> replayed;
        }).incrementAndGet();
        String from = source.getAddress().getHostAddress();
        if (rejectLog.shouldLog(from + " " + why, now)) {
            LOG.warn("node {}: ignoring heartbeat from {}: {} ({}); further ones from there logged at most once a minute",
                    id(config.nodeId()), from, why.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), detail);
        }
    }

    private void logPeer(PeerChange c, PeerTracker t, long now) {
        switch (c.current()) {
            case DEGRADED -> {
                if (c.previous() == PeerState.DEAD) {
                    LOG.info("node {}: {}", id(config.nodeId()), c);
                } else {
                    LOG.warn("node {}: {}; not a failover while a path is up", id(config.nodeId()), c);
                }
            }
            case DEAD -> {
                // The first line of a failover's timeline: how long the peer had been silent.
                java.util.OptionalLong silentNanos = t.silentFor(now);
                boolean goodbye = t.latest().map(h -> h.role() == Role.STOPPED).orElse(false);
                String silent = goodbye ? "it said goodbye" : silentNanos.isEmpty() ? "never heard"
                        : "last heartbeat accepted " + silentNanos.getAsLong() / 1_000_000 + " ms ago";
                LOG.warn("node {}: {} ({}, deadtime {} ms)", id(config.nodeId()), c, silent, config.deadtime().toMillis());
            }
            case ALIVE -> LOG.info("node {}: {}", id(config.nodeId()), c);
        }
    }

    /** When a heartbeat of this peer was last accepted, on the wall clock (the tracker keeps monotonic time). */
    private static Optional<java.time.Instant> lastHeard(PeerTracker t, long now, java.time.Instant wallNow) {
        java.util.OptionalLong silent = t.silentFor(now);
        return silent.isPresent() ? Optional.of(wallNow.minusNanos(silent.getAsLong())) : Optional.empty();
    }

    private void publishPeerStatus(long now) {
        List<PeerStatus> list = new ArrayList<>();
        java.time.Instant wallNow = clock.now();
        for (PeerTracker t : trackers) {
            list.add(new PeerStatus(t.peer().nodeId(), t.state(), t.latest().map(Heartbeat::role),
                    t.latest().map(Heartbeat::priority).orElse(0), lastHeard(t, now, wallNow), t.paths(now, wallNow)));
        }
        peerStatus = List.copyOf(list);
    }

    private static String id(int unsigned) {
        return Integer.toUnsignedString(unsigned);
    }

    private record PathKey(InetAddress local, InetAddress peer) {}

    private record Route(PeerTracker tracker, int pathIndex) {}
}
