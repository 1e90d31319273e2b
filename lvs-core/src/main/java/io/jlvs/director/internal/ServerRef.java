package io.jlvs.director.internal;

import io.jlvs.config.RealServerConfig;
import io.jlvs.config.VirtualServerConfig;
import io.jlvs.ipvs.RealServerAddress;
import io.jlvs.ipvs.ServiceKey;
import java.util.Objects;

/** One real server of one virtual service: the identity health state and operator overrides hang on. */
public record ServerRef(ServiceKey service, RealServerAddress server) {
    public ServerRef {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(server, "server");
    }

    /** The kernel identity of a configured server: the service's key, the server's address and kernel port. */
    public static ServerRef of(VirtualServerConfig virtual, RealServerConfig server) {
        return new ServerRef(virtual.serviceKey(), new RealServerAddress(server.address(), virtual.realServerPort(server)));
    }

    @Override
    public String toString() {
        return service + " -> " + server;
    }
}
