package io.jlvs.failover;

/**
 * Hears what a {@link FailoverNode} decides. Calls come one at a time, in order, on the node's event
 * thread, never on its heartbeat thread: a slow listener delays later events, never heartbeats.
 *
 * <p>While listeners handle a change that leaves ACTIVE, the node keeps advertising ACTIVE; peers see
 * the new role only once every listener has returned, so a peer never takes addresses this node has
 * not yet released. An exception from a listener is logged and does not stop the others.
 */
@FunctionalInterface
public interface RoleListener {
    /** The node changed role. */
    void onRoleChange(RoleChange change);

    /** A peer became alive, degraded (some paths lost) or dead. Ignored by default. */
    default void onPeerChange(PeerChange change) {}
}
