package io.jlvs.director.internal;

import io.jlvs.config.Configuration;
import io.jlvs.netlink.NetworkNamespace;
import java.util.Objects;
import java.util.function.Function;

/**
 * The pieces a director is built from: how configuration is read, the kernel table, and the health
 * and failover modules. {@code Director.start} takes the standard set; tests pass their own.
 *
 * @param loader  reads and validates configuration files
 * @param health  makes the health port (once per director)
 * @param roles   makes the failover port from the first configuration
 * @param kernel  opens the IPVS table of a namespace
 */
public record DirectorParts(
        ConfigLoader loader, Function<Configuration, HealthPort> health,
        Function<Configuration, RolePort> roles, Function<NetworkNamespace, KernelTable> kernel) {
    public DirectorParts {
        Objects.requireNonNull(loader, "loader");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(roles, "roles");
        Objects.requireNonNull(kernel, "kernel");
    }
}
