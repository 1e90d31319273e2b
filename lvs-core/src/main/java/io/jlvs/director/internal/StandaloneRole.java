package io.jlvs.director.internal;

import io.jlvs.config.Configuration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A fixed role, for a director without a failover peer (or `jlvsd --node primary|backup` when the
 * failover module is not in use): ACTIVE or BACKUP from start to stop. It manages no addresses.
 */
public final class StandaloneRole implements RolePort {
    private final Role role;

    public StandaloneRole(Role role) {
        this.role = Objects.requireNonNull(role, "role");
    }

    @Override
    public void start(Configuration config, Consumer<Role> listener) {
        listener.accept(role);
    }

    @Override
    public Role role() {
        return role;
    }
}
