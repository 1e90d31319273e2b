package io.jlvs.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole, validated lvs.cf: global settings and virtual servers in file order. Immutable; a reload
 * builds a new one.
 *
 * @param source the file it was read from, as the user named it ("lvs.cf", "/etc/sysconfig/ha/lvs.cf")
 * @param cluster the global settings
 * @param virtualServers the {@code virtual} blocks, in file order
 */
public record Configuration(String source, ClusterSettings cluster, List<VirtualServerConfig> virtualServers) {
    public Configuration {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(cluster, "cluster");
        virtualServers = List.copyOf(virtualServers);
    }

    /** The virtual server named {@code name}. */
    public Optional<VirtualServerConfig> virtualServer(String name) {
        return virtualServers.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /** The virtual servers with {@code active = 1}, in file order. */
    public List<VirtualServerConfig> activeVirtualServers() {
        return virtualServers.stream().filter(VirtualServerConfig::active).toList();
    }
}
