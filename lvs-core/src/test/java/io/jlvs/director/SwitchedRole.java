package io.jlvs.director;

import io.jlvs.config.Configuration;
import io.jlvs.director.internal.Role;
import io.jlvs.director.internal.RolePort;
import java.util.function.Consumer;

/** A role the test switches, as failover would: {@link #set} tells the director. */
final class SwitchedRole implements RolePort {
    private volatile Role role;
    private volatile Consumer<Role> listener;

    SwitchedRole(Role first) {
        this.role = first;
    }

    void set(Role next) {
        role = next;
        listener.accept(next);
    }

    @Override
    public void start(Configuration config, Consumer<Role> listener) {
        this.listener = listener;
        listener.accept(role);
    }

    @Override
    public Role role() {
        return role;
    }
}
