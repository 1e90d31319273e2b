package io.jlvs.failover;

import java.util.Optional;

/**
 * The node's own health, asked before every election: an interface down, a virtual service without
 * a healthy real server, ... A fault sends the node to FAULT (releasing the active role, so a backup
 * serves); its clearing sends it back to BACKUP. Called on the heartbeat thread: it must be quick
 * and must not block (read a flag another thread maintains).
 */
@FunctionalInterface
public interface SelfCheck {
    /** Empty when healthy, else why not ("eth0 is down"). */
    Optional<String> fault();

    /** A check that never fails. */
    static SelfCheck healthy() {
        return Optional::empty;
    }
}
