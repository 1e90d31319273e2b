package io.jlvs.director.internal;

import io.jlvs.netlink.NetworkNamespace;
import java.util.Objects;
import java.util.function.Function;

/**
 * The pieces a director is built from: how configuration is read, how plans are made, and the health
 * and failover modules. {@code Director.start} takes the standard set; tests pass their own.
 *
 * @param loader  reads and validates configuration files
 * @param planner compares desired and live tables
 * @param health  makes the health port (once per director)
 * @param roles   makes the failover port from the first configuration
 * @param kernel  opens the IPVS table of a namespace
 */
public record DirectorParts(
        ConfigLoader loader, TablePlanner planner, Function<DirectorConfig, HealthPort> health,
        Function<DirectorConfig, RolePort> roles, Function<NetworkNamespace, KernelTable> kernel) {
    public DirectorParts {
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(planner, "planner");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(roles, "roles");
        Objects.requireNonNull(kernel, "kernel");
    }
}
