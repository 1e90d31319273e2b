package io.jlvs.director.internal;

import io.jlvs.ipvs.RealServerAddress;
import io.jlvs.ipvs.ServiceKey;
import java.util.Objects;

/** One real server of one virtual service: the identity health state and operator overrides hang on. */
public record ServerRef(ServiceKey service, RealServerAddress server) {
    public ServerRef {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(server, "server");
    }

    @Override
    public String toString() {
        return service + " -> " + server;
    }
}
