package io.jlvs.failover;

import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of one peer as this node sees it.
 *
 * @param nodeId the peer's id
 * @param state alive, degraded or dead
 * @param role its last advertised role, empty before its first valid heartbeat
 * @param priority its last advertised priority (0 before the first heartbeat)
 * @param lastHeard when this node last accepted a heartbeat from it (wall clock), on any path
 */
public record PeerStatus(int nodeId, PeerState state, Optional<Role> role, int priority, Optional<Instant> lastHeard) {}
