package io.jlvs.failover.internal.heartbeat;

import io.jlvs.failover.Role;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The election, as pure logic: given the time, the node's own health and the live peers' last
 * heartbeats, which role this node should hold. No clock, no I/O; the caller feeds it.
 *
 * <p>Rank is (priority, node id), higher wins; the id breaks ties so two nodes never rank equal.
 * The rules, each a single step (call {@link #evaluate} again until it answers empty):
 * <ul>
 *   <li>self-check fails: FAULT (from any role); it clears: BACKUP.</li>
 *   <li>INIT: an active peer: BACKUP. After the initial wait: ACTIVE if this node outranks every live
 *       INIT or BACKUP peer, else BACKUP.</li>
 *   <li>BACKUP: no live active peer and this node outranks every live INIT or BACKUP peer: ACTIVE.
 *       A backup never seizes the role from a live active node; failback is the active node's
 *       move, which lets it release the addresses before anyone takes them.</li>
 *   <li>ACTIVE: a live active peer that outranks this node (split brain): BACKUP. A live BACKUP peer
 *       that outranks this node, asks for preemption and has been alive for the hold-down time:
 *       BACKUP (it then wins the next election).</li>
 * </ul>
 * FAULT, STOPPED and dead peers take no part. Not thread-safe.
 */
public final class RoleMachine {
    private static final Comparator<Candidate> RANK =
            Comparator.comparingInt(Candidate::priority).thenComparing(Candidate::nodeId, Integer::compareUnsigned);

    private final int nodeId;
    private final int priority;
    private final long startNanos;
    private final long initialWaitNanos;
    private final long holdDownNanos;
    private Role role = Role.INIT;

    public RoleMachine(int nodeId, int priority, long startNanos, long initialWaitNanos, long holdDownNanos) {
        this.nodeId = nodeId;
        this.priority = priority;
        this.startNanos = startNanos;
        this.initialWaitNanos = initialWaitNanos;
        this.holdDownNanos = holdDownNanos;
    }

    public Role role() {
        return role;
    }

    /** A role change, already applied; empty when the node keeps its role. */
    public Optional<Transition> evaluate(long now, Optional<String> fault, List<PeerView> livePeers) {
        Optional<Transition> next = decide(now, fault, livePeers);
        next.ifPresent(t -> role = t.to());
        return next;
    }

    /** Leaves the election for good (the node is closing). */
    public Optional<Transition> stop(String reason) {
        if (role == Role.STOPPED) {
            return Optional.empty();
        }
        Transition t = new Transition(role, Role.STOPPED, reason);
        role = Role.STOPPED;
        return Optional.of(t);
    }

    private Optional<Transition> decide(long now, Optional<String> fault, List<PeerView> peers) {
        if (role == Role.STOPPED) {
            return Optional.empty();
        }
        if (fault.isPresent()) {
            return role == Role.FAULT ? Optional.empty() : to(Role.FAULT, "self-check failed: " + fault.get());
        }
        if (role == Role.FAULT) {
            return to(Role.BACKUP, "self-check passes again");
        }
        Candidate self = new Candidate(nodeId, priority);
        Optional<PeerView> active = peers.stream().filter(p -> p.role() == Role.ACTIVE)
                .max(Comparator.comparing(RoleMachine::candidate, RANK));
        switch (role) {
            case INIT -> {
                if (active.isPresent()) {
                    return to(Role.BACKUP, "peer " + describe(active.get()) + " is active");
                }
                if (now - startNanos < initialWaitNanos) {
                    return Optional.empty();
                }
                return elect(self, peers, Role.BACKUP, "initial wait over");
            }
            case BACKUP -> {
                if (active.isPresent()) {
                    return Optional.empty();
                }
                return elect(self, peers, Role.BACKUP, "no live active peer");
            }
            case ACTIVE -> {
                if (active.isPresent() && RANK.compare(candidate(active.get()), self) > 0) {
                    return to(Role.BACKUP, "split brain: peer " + describe(active.get())
                            + " is active too and outranks this node");
                }
                Optional<PeerView> preemptor = peers.stream()
                        .filter(p -> p.role() == Role.BACKUP && p.preempt())
                        .filter(p -> RANK.compare(candidate(p), self) > 0)
                        .filter(p -> now - p.aliveSinceNanos() >= holdDownNanos)
                        .max(Comparator.comparing(RoleMachine::candidate, RANK));
                if (preemptor.isPresent()) {
                    return to(Role.BACKUP, "peer " + describe(preemptor.get())
                            + " outranks this node, preempts and has been healthy for the hold-down time");
                }
                return Optional.empty();
            }
            default -> throw new IllegalStateException("role " + role);
        }
    }

    private Optional<Transition> elect(Candidate self, List<PeerView> peers, Role otherwise, String why) {
        Optional<PeerView> best = peers.stream()
                .filter(p -> p.role() == Role.INIT || p.role() == Role.BACKUP)
                .max(Comparator.comparing(RoleMachine::candidate, RANK));
        if (best.isEmpty() || RANK.compare(self, candidate(best.get())) > 0) {
            return to(Role.ACTIVE, why + "; this node outranks every live peer");
        }
        return role == otherwise ? Optional.empty()
                : to(otherwise, why + "; peer " + describe(best.get()) + " outranks this node");
    }

    private Optional<Transition> to(Role next, String reason) {
        return Optional.of(new Transition(role, next, reason));
    }

    private static Candidate candidate(PeerView p) {
        return new Candidate(p.nodeId(), p.priority());
    }

    private static String describe(PeerView p) {
        return Integer.toUnsignedString(p.nodeId()) + " (priority " + p.priority() + ")";
    }

    private record Candidate(int nodeId, int priority) {}

    /** One role change and why. */
    public record Transition(Role from, Role to, String reason) {}
}
