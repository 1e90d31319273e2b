package io.jlvs.director.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The health verdicts laid over the configuration: written by the health monitor's actuator, read
 * when the desired table is composed. Thread-safe; a verdict for a server that is no longer
 * configured is simply never read, and {@link #retainIf} drops it after a reload.
 */
public final class HealthOverlay {
    private final Map<ServerRef, HealthState> states = new ConcurrentHashMap<>();
    private final java.util.Set<io.jlvs.ipvs.ServiceKey> quorumLost = ConcurrentHashMap.newKeySet();

    /** Records a service's quorum; returns true when that changes it. */
    public boolean quorum(io.jlvs.ipvs.ServiceKey service, boolean held) {
        return held ? quorumLost.remove(service) : quorumLost.add(service);
    }

    /** Whether the monitor last said {@code service} lost its quorum. */
    public boolean quorumLost(io.jlvs.ipvs.ServiceKey service) {
        return quorumLost.contains(service);
    }

    /** Forgets the quorum of services {@code keep} refuses (no longer configured with one). */
    public void retainQuorumIf(java.util.function.Predicate<io.jlvs.ipvs.ServiceKey> keep) {
        quorumLost.removeIf(key -> !keep.test(key));
    }

    /** Records a verdict; returns true when it changes what the table should hold (status or weight). */
    public boolean put(ServerRef ref, HealthState state) {
        HealthState old = states.put(ref, state);
        return old == null
                ? state.status() != HealthState.Status.UNKNOWN || state.weight().isPresent()
                : old.status() != state.status() || !old.weight().equals(state.weight());
    }

    public HealthState get(ServerRef ref) {
        return states.getOrDefault(ref, HealthState.UNKNOWN);
    }

    /** Forgets servers {@code keep} refuses (after a reload removed them). */
    public void retainIf(java.util.function.Predicate<ServerRef> keep) {
        states.keySet().removeIf(ref -> !keep.test(ref));
    }
}
