package io.jlvs.failover.internal.heartbeat;

import io.jlvs.failover.Role;

/**
 * A live peer as the role machine sees it.
 *
 * @param nodeId its id
 * @param priority its advertised priority
 * @param role its advertised role
 * @param preempt whether it takes the role back when it outranks the active node
 * @param aliveSinceNanos since when it has been alive without a break (monotonic)
 */
public record PeerView(int nodeId, int priority, Role role, boolean preempt, long aliveSinceNanos) {}
