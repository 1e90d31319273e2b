package io.jlvs.health.internal;

import io.jlvs.health.Change;
import io.jlvs.health.DesiredState;
import io.jlvs.health.HealthEvent;
import io.jlvs.health.HealthEvent.Kind;
import io.jlvs.health.HealthSnapshot;
import io.jlvs.health.ProbeResult;
import io.jlvs.health.Quorum;
import io.jlvs.health.QuorumAction;
import io.jlvs.health.WatchedService;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerAddress;
import io.jlvs.ipvs.ServiceKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The monitor's decisions, without threads or a clock of its own: which probes are due, what each
 * result changes (rise/fall, weights, slow start, sorry server, quorum), and the snapshot. Every call
 * passes the time. Not thread-safe: the monitor calls it under one lock.
 */
public final class HealthEngine {
    private final Map<ServiceKey, ServiceTrack> services = new LinkedHashMap<>();
    private final Map<ProbeKey, ProbeSlot> slots = new HashMap<>();
    /** The slots not running, earliest due first: finding due probes costs O(due x log n), not O(n). */
    private final PriorityQueue<ProbeSlot> waiting = new PriorityQueue<>((a, b) -> Long.compare(a.dueKey, b.dueKey));
    /** Servers in a slow-start ramp (usually none), so a tick does not walk every server. */
    private final Set<ServerTrack> ramping = new LinkedHashSet<>();
    private final RandomGenerator jitter;
    private long probesCompleted;

    /** One distinct probe: when it is next due and every (service, server) that uses its result. */
    static final class ProbeSlot {
        final ProbeKey key;
        Duration interval;
        /** The shortest retry delay of the slot's users, or null when none has one. */
        Duration retryDelay;
        Instant nextDue;
        /** {@link #nextDue} as a number, set when the slot is queued (it does not change while queued). */
        long dueKey;
        boolean inFlight;
        final List<ServerTrack> users = new ArrayList<>();
        final List<ServiceTrack> userServices = new ArrayList<>();

        ProbeSlot(ProbeKey key) {
            this.key = key;
        }
    }

    /** A probe to start now. */
    public record DueProbe(ProbeKey key, Instant scheduled) {
    }

    /**
     * @param jitter spreads each probe's first run uniformly over its first interval, so that many
     *               servers added at once do not all fire at the same instant
     */
    public HealthEngine(List<WatchedService> watched, Instant now, RandomGenerator jitter, Decisions initial) {
        this.jitter = jitter;
        reconfigure(watched, now, initial);
    }

    /**
     * Replaces the watched services. Servers that stay (same service, address, check and target) keep
     * their counters and state; new ones start as their policy says; probes that stay keep their schedule.
     * Decisions for servers whose wanted state differs from what is configured go into {@code out}.
     */
    public void reconfigure(List<WatchedService> watched, Instant now, Decisions out) {
        Map<ServiceKey, ServiceTrack> old = new HashMap<>(services);
        Map<ProbeKey, ProbeSlot> oldSlots = new HashMap<>(slots);
        services.clear();
        slots.clear();
        waiting.clear();
        ramping.clear();
        for (WatchedService w : watched) {
            if (services.containsKey(w.key())) {
                throw new IllegalArgumentException("service " + w.key() + " is watched twice");
            }
            ServiceTrack previous = old.get(w.key());
            ServiceTrack track = new ServiceTrack(w);
            List<ServerTrack> fresh = new ArrayList<>();
            for (int i = 0; i < track.servers.size(); i++) {
                ServerTrack t = track.servers.get(i);
                ServerTrack kept = previous == null ? null : find(previous, t);
                if (kept != null) {
                    DesiredState before = kept.desired;
                    kept.watched = t.watched;
                    kept.policy = w.policy();
                    kept.service = track;
                    track.servers.set(i, kept);
                    DesiredState after = kept.computeDesired();
                    kept.desired = after;
                    if (!after.equals(before)) {
                        serverChanged(track, kept, before, after, "configuration changed", Duration.ZERO, now, out);
                    }
                } else {
                    fresh.add(t);
                }
            }
            if (previous != null) {
                track.quorumHeld = previous.quorumHeld;
                track.withdrawn = previous.withdrawn && w.policy().quorum().map(q -> q.action() instanceof QuorumAction.Withdraw).orElse(false);
                track.sorryActive = previous.sorryActive && w.policy().sorryServer().isPresent();
            }
            services.put(w.key(), track);
            for (ServerTrack t : fresh) {
                DesiredState configured = DesiredState.up(t.watched.server().weight());
                if (!t.desired.equals(configured)) {
                    serverChanged(track, t, configured, t.desired, "starts down until " + w.policy().rise()
                            + " successful probes", Duration.ZERO, now, out);
                }
            }
            evaluateService(track, Duration.ZERO, now, out);
            for (ServerTrack t : track.servers) {
                ProbeKey key = t.probeKey();
                ProbeSlot slot = slots.get(key);
                if (slot == null) {
                    slot = oldSlots.get(key);
                    if (slot != null) {
                        slot.users.clear();
                        slot.userServices.clear();
                        slot.interval = null;
                        slot.retryDelay = null;
                    } else {
                        slot = new ProbeSlot(key);
                    }
                    slots.put(key, slot);
                }
                slot.users.add(t);
                slot.userServices.add(track);
                Duration interval = w.policy().interval();
                if (slot.interval == null || interval.compareTo(slot.interval) < 0) {
                    slot.interval = interval;
                }
                Duration retry = w.policy().retryDelay().orElse(null);
                if (retry != null && (slot.retryDelay == null || retry.compareTo(slot.retryDelay) < 0)) {
                    slot.retryDelay = retry;
                }
            }
        }
        for (ProbeSlot slot : slots.values()) {
            if (slot.nextDue == null) {
                long spread = (long) (jitter.nextDouble() * slot.interval.toNanos());
                slot.nextDue = now.plusNanos(spread);
            } else if (slot.nextDue.isAfter(now.plus(slot.interval))) {
                slot.nextDue = now.plus(slot.interval); // the interval shrank
            }
            if (!slot.inFlight) {
                enqueue(slot);
            }
        }
        for (ServiceTrack s : services.values()) {
            for (ServerTrack t : s.servers) {
                if (t.rampStart != null) {
                    ramping.add(t);
                }
            }
        }
    }

    /** Queues a slot not running by its next due time, compared as a number (no Instant to fetch per comparison). */
    private void enqueue(ProbeSlot slot) {
        slot.dueKey = nanos(slot.nextDue);
        waiting.add(slot);
    }

    /** Nanoseconds since the epoch, saturated (instants past 2262 all compare as the latest). */
    private static long nanos(Instant t) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (ArithmeticException e) {
            return t.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static ServerTrack find(ServiceTrack previous, ServerTrack wanted) {
        for (ServerTrack t : previous.servers) {
            if (t.watched.server().key().equals(wanted.watched.server().key()) && t.probeKey().equals(wanted.probeKey())) {
                return t;
            }
        }
        return null;
    }

    /** The distinct probes watched. */
    public int probeCount() {
        return slots.size();
    }

    /** Probes due at {@code now} and not still running; each is marked running and rescheduled. */
    public List<DueProbe> takeDue(Instant now) {
        List<DueProbe> due = new ArrayList<>();
        while (!waiting.isEmpty() && !waiting.peek().nextDue.isAfter(now)) {
            ProbeSlot slot = waiting.poll();
            due.add(new DueProbe(slot.key, slot.nextDue));
            slot.inFlight = true;
            slot.nextDue = slot.nextDue.plus(slot.interval);
            skipMissedRounds(slot, now);
        }
        return due;
    }

    /**
     * Fixed rate on the original grid: a late round does not push every later one back, and rounds
     * missed entirely (a probe slower than its interval, a stalled scheduler) are skipped, not bunched.
     */
    private static void skipMissedRounds(ProbeSlot slot, Instant now) {
        if (!slot.nextDue.isAfter(now)) {
            long missed = Duration.between(slot.nextDue, now).toNanos() / slot.interval.toNanos();
            slot.nextDue = slot.nextDue.plus(slot.interval.multipliedBy(missed + 1));
        }
    }

    /** The earliest time something is due (a probe not running, or a slow-start step), or null. */
    public Instant nextDeadline() {
        Instant min = waiting.isEmpty() ? null : waiting.peek().nextDue;
        for (ServerTrack t : ramping) {
            Instant step = t.nextRampStep();
            if (step != null && (min == null || step.isBefore(min))) {
                min = step;
            }
        }
        return min;
    }

    /** Applies one probe's result to every service that uses it. */
    public Decisions record(ProbeKey key, ProbeResult result, Instant now) {
        Decisions out = new Decisions();
        ProbeSlot slot = slots.get(key);
        if (slot == null || !slot.inFlight) {
            return out; // unwatched while it ran
        }
        slot.inFlight = false;
        skipMissedRounds(slot, now);
        probesCompleted++;
        List<ServiceTrack> touched = new ArrayList<>();
        for (int i = 0; i < slot.users.size(); i++) {
            ServerTrack t = slot.users.get(i);
            ServiceTrack s = slot.userServices.get(i);
            boolean flipped = t.count(result, now);
            if (t.rampStart != null) {
                ramping.add(t);
            }
            DesiredState before = t.desired;
            DesiredState after = t.computeDesired();
            if (!after.equals(before)) {
                t.desired = after;
                String reason = result.reason();
                if (flipped && t.healthy && t.rampStart != null) {
                    reason = reason + "; " + t.rampNote();
                } else if (!flipped && t.healthy && result.weight().isPresent()) {
                    reason = "dynamic weight " + result.weight().getAsInt() + " (" + reason + ")";
                }
                serverChanged(s, t, before, after, reason, result.latency(), now, out);
            }
            if (!touched.contains(s)) {
                touched.add(s);
            }
        }
        for (ServiceTrack s : touched) {
            evaluateService(s, result.latency(), now, out);
        }
        if (!result.up() && slot.retryDelay != null && slot.users.stream().anyMatch(ServerTrack::retrying)) {
            slot.nextDue = now.plus(slot.retryDelay);   // keepalived's delay_before_retry, before it is queued
        }
        enqueue(slot);
        return out;
    }

    /** Advances slow-start ramps to {@code now}. */
    public Decisions tick(Instant now) {
        Decisions out = new Decisions();
        for (ServerTrack t : List.copyOf(ramping)) {
            if (t.advanceRamp(now)) {
                DesiredState before = t.desired;
                DesiredState after = t.computeDesired();
                if (!after.equals(before)) {
                    t.desired = after;
                    serverChanged(t.service, t, before, after, t.rampNote(), Duration.ZERO, now, out);
                }
            }
            if (t.rampStart == null) {
                ramping.remove(t);
            }
        }
        return out;
    }

    private void serverChanged(ServiceTrack s, ServerTrack t, DesiredState before, DesiredState after, String reason,
            Duration latency, Instant now, Decisions out) {
        RealServer configured = t.watched.server();
        boolean wasUp = before instanceof DesiredState.Up;
        boolean isUp = after instanceof DesiredState.Up;
        Kind kind = !wasUp && isUp ? Kind.UP : wasUp && !isUp ? Kind.DOWN : Kind.WEIGHT;
        out.events.add(new HealthEvent(kind, s.watched.key(), Optional.of(configured.key()), before, after, reason, latency, now));
        if (!s.withdrawn) {
            out.changes.add(new Change.RealServerChange(s.watched.key(), configured.withWeight(after.weight()), before, after));
        }
    }

    private void evaluateService(ServiceTrack s, Duration latency, Instant now, Decisions out) {
        ServiceKey key = s.watched.key();
        Optional<RealServer> sorry = s.watched.policy().sorryServer();
        if (sorry.isPresent()) {
            boolean wantSorry = !s.anyHealthy();
            if (wantSorry != s.sorryActive) {
                s.sorryActive = wantSorry;
                RealServer rs = sorry.get();
                DesiredState on = DesiredState.up(rs.weight());
                DesiredState from = wantSorry ? DesiredState.REMOVED : on;
                DesiredState to = wantSorry ? on : DesiredState.REMOVED;
                String reason = wantSorry ? "no real server is up" : "a real server is up again";
                out.events.add(new HealthEvent(wantSorry ? Kind.SORRY_ADDED : Kind.SORRY_REMOVED, key,
                        Optional.of(rs.key()), from, to, reason, latency, now));
                if (!s.withdrawn) {
                    Change c = new Change.RealServerChange(key, rs, from, to);
                    // Add the sorry server before the last real server leaves, so there is no gap.
                    if (wantSorry) {
                        out.changes.add(0, c);
                    } else {
                        out.changes.add(c);
                    }
                }
            }
        }
        Optional<Quorum> quorum = s.watched.policy().quorum();
        if (quorum.isEmpty()) {
            return;
        }
        Quorum q = quorum.get();
        long up = s.upWeight();
        if (s.quorumHeld && q.lostAt(up)) {
            s.quorumHeld = false;
            String reason = "up weight " + up + " below quorum " + q.minimumWeight()
                    + (q.hysteresis() > 0 ? " - " + q.hysteresis() : "");
            out.events.add(new HealthEvent(Kind.QUORUM_LOST, key, Optional.empty(), serviceState(s, up),
                    q.action() instanceof QuorumAction.Withdraw ? DesiredState.REMOVED : DesiredState.up(clamp(up)),
                    reason, latency, now));
            switch (q.action()) {
                case QuorumAction.Withdraw w -> {
                    s.withdrawn = true;
                    out.changes.removeIf(c -> c.service().equals(key));
                    out.changes.add(new Change.ServiceChange(s.watched.service(), false, List.of()));
                }
                case QuorumAction.RunCommand c -> {
                    if (!c.onLost().isEmpty()) {
                        out.commands.add(c.onLost());
                    }
                }
                case QuorumAction.Notify n -> { }
            }
        } else if (!s.quorumHeld && q.regainedAt(up)) {
            s.quorumHeld = true;
            DesiredState from = serviceState(s, up);
            String reason = "up weight " + up + " reached quorum " + q.minimumWeight()
                    + (q.hysteresis() > 0 ? " + " + q.hysteresis() : "");
            if (s.withdrawn) {
                s.withdrawn = false;
                out.changes.add(new Change.ServiceChange(s.watched.service(), true, desiredRealServers(s)));
            }
            if (q.action() instanceof QuorumAction.RunCommand c && !c.onRegain().isEmpty()) {
                out.commands.add(c.onRegain());
            }
            out.events.add(new HealthEvent(Kind.QUORUM_REGAINED, key, Optional.empty(), from, DesiredState.up(clamp(up)),
                    reason, latency, now));
        }
    }

    private static DesiredState serviceState(ServiceTrack s, long up) {
        return s.withdrawn ? DesiredState.REMOVED : DesiredState.up(clamp(up));
    }

    private static int clamp(long v) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, v));
    }

    private static List<RealServer> desiredRealServers(ServiceTrack s) {
        List<RealServer> out = new ArrayList<>();
        for (ServerTrack t : s.servers) {
            if (t.desired.present()) {
                out.add(t.watched.server().withWeight(t.desired.weight()));
            }
        }
        if (s.sorryActive) {
            out.add(s.watched.policy().sorryServer().orElseThrow());
        }
        return out;
    }

    /** What every service and server should be now. */
    public HealthSnapshot snapshot(Instant now) {
        Map<ServiceKey, HealthSnapshot.ServiceHealth> out = new LinkedHashMap<>();
        for (ServiceTrack s : services.values()) {
            List<HealthSnapshot.ServerHealth> servers = new ArrayList<>();
            for (ServerTrack t : s.servers) {
                int consecutive = t.lastResult == null ? 0 : t.lastResult.up() ? t.consecutiveUp : t.consecutiveDown;
                servers.add(new HealthSnapshot.ServerHealth(t.watched.server(), t.healthy, t.desired, consecutive,
                        Optional.ofNullable(t.lastResult)));
            }
            out.put(s.watched.key(), new HealthSnapshot.ServiceHealth(s.watched.key(), s.quorumHeld, s.withdrawn,
                    s.upWeight(), servers, s.sorryActive ? s.watched.policy().sorryServer() : Optional.empty()));
        }
        return new HealthSnapshot(now, out, probesCompleted);
    }

    /**
     * The quorum-lost programs to run because the monitor stops: those of services that hold their
     * quorum and asked for it ({@link QuorumAction.RunCommand#onLostAtStop}, keepalived's omega).
     */
    public List<List<String>> commandsAtStop() {
        List<List<String>> out = new ArrayList<>();
        for (ServiceTrack s : services.values()) {
            if (s.quorumHeld && s.watched.policy().quorum().map(q -> q.action()).orElse(null)
                    instanceof QuorumAction.RunCommand c && c.onLostAtStop()) {
                out.add(c.onLost());
            }
        }
        return out;
    }

    /** The services watched, for passive signals and status. */
    public List<ServiceKey> serviceKeys() {
        return List.copyOf(services.keySet());
    }

    /** The configured real servers of a service (empty if not watched). */
    public List<RealServerAddress> realServers(ServiceKey key) {
        ServiceTrack s = services.get(key);
        if (s == null) {
            return List.of();
        }
        return s.servers.stream().map(t -> t.watched.server().key()).toList();
    }
}
