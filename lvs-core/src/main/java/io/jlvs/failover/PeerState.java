package io.jlvs.failover;

/** How a node sees one peer. */
public enum PeerState {
    /** No valid heartbeat within the dead time on any path (also the state before the first one). */
    DEAD,
    /** Valid heartbeats within the dead time on some paths but not all: still alive, not a failover. */
    DEGRADED,
    /** Valid heartbeats within the dead time on every path. */
    ALIVE
}
