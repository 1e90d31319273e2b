package io.jlvs.director.internal;

import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.VirtualService;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A configured virtual service ({@code virtual NAME { ... }} in lvs.cf) as the director needs it.
 *
 * @param name     the configuration's name, used by jlvsctl and in logs
 * @param service  the kernel settings (key, scheduler, persistence)
 * @param active   false for {@code active = 0}: configured but not programmed
 * @param servers  its real servers, in configuration order
 * @param quiesce  {@code quiesce_server = 1}: a failed server keeps its entry with weight 0 instead of
 *                 being removed, so its persistent clients are not moved until it is back
 * @param sorryServer programmed only while no real server is up
 */
public record ServiceSpec(
        String name, VirtualService service, boolean active, List<ServerSpec> servers,
        boolean quiesce, Optional<RealServer> sorryServer) {
    public ServiceSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(service, "service");
        servers = List.copyOf(servers);
        Objects.requireNonNull(sorryServer, "sorryServer");
    }

    public ServiceKey key() {
        return service.key();
    }
}
