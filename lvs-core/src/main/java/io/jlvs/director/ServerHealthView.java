package io.jlvs.director;

import io.jlvs.config.RealServerConfig;
import io.jlvs.config.VirtualServerConfig;

/**
 * What the health checks currently say about a real server of a virtual server, as
 * {@link DesiredTable#from(io.jlvs.config.Configuration, ServerHealthView)} needs it.
 */
@FunctionalInterface
public interface ServerHealthView {
    /** Every server up: the table the configuration alone asks for. */
    ServerHealthView ALL_UP = (virtual, server) -> true;

    /** Whether {@code server} of {@code virtual} currently passes its checks. */
    boolean isUp(VirtualServerConfig virtual, RealServerConfig server);
}
