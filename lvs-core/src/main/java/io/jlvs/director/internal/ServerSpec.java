package io.jlvs.director.internal;

import io.jlvs.ipvs.RealServer;
import java.util.Objects;

/**
 * A configured real server ({@code server NAME { address, active, weight }} in lvs.cf).
 *
 * @param name   the configuration's name for it, used by jlvsctl and in logs
 * @param server what to program when it is healthy: address, port, forwarding, configured weight
 * @param active false when the configuration lists it but keeps it out ({@code active = 0})
 */
public record ServerSpec(String name, RealServer server, boolean active) {
    public ServerSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(server, "server");
    }
}
