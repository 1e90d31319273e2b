package io.jlvs.director.internal;

import io.jlvs.config.Configuration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The failover node as the director drives it. It owns the virtual addresses (adds, announces and
 * releases them); the director only follows the role it reports.
 */
public interface RolePort extends AutoCloseable {

    /**
     * Starts it; {@code listener} hears every role change, on the node's own thread. A change to
     * {@link Role#ACTIVE} is heard before the addresses are taken and announced, and the port waits
     * for the listener to return: the director programs its services then, so that the first client
     * packet the announcement draws finds them. Other changes are heard after the addresses are gone.
     */
    void start(Configuration config, Consumer<Role> listener);

    /**
     * Where a failure that stopped the port for good goes (its heartbeat loop died, say), after the
     * port has left the active role. Called before {@link #start}; the default port never fails so.
     */
    default void onFailure(Consumer<Throwable> handler) {
    }

    /**
     * Applies a reloaded configuration (new addresses, timers); nothing to apply without failover.
     * Never called with the director's table lock held (a takeover takes the port's lock, then that one).
     */
    default void reconfigure(Configuration config) {
    }

    Role role();

    /** One line per peer for status ("backup 10.0.0.2 alive, last heartbeat 0.4 s ago"); none without failover. */
    default List<String> peers() {
        return List.of();
    }

    /** How heartbeats are authenticated: a {@link HeartbeatAuthentication#label()}; "none" without failover. */
    default String authentication() {
        return HeartbeatAuthentication.NONE.label();
    }

    /**
     * This node in its pair for status: election state, heartbeat paths, floating addresses held, the
     * peer; {@link io.jlvs.director.DirectorStatus.Failover#NONE} without failover.
     */
    default io.jlvs.director.DirectorStatus.Failover failover() {
        return io.jlvs.director.DirectorStatus.Failover.NONE;
    }

    /** How many times this node became ACTIVE after having been something else, since start. */
    default long failovers() {
        return 0;
    }

    /** Leaves the role: addresses are released before this returns (a role without addresses has none). */
    @Override
    default void close() {
    }
}
