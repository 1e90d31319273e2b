package io.jlvs.director.internal;

import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.VirtualService;
import java.util.List;
import java.util.Objects;

/** One service as it should be in the kernel right now, with the real servers that belong in it. */
public record DesiredService(VirtualService service, List<RealServer> servers) {
    public DesiredService {
        Objects.requireNonNull(service, "service");
        servers = List.copyOf(servers);
    }
}
