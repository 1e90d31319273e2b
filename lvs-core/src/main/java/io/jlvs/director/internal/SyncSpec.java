package io.jlvs.director.internal;

import io.jlvs.config.ClusterSettings;
import io.jlvs.config.InterfaceAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * The IPVS connection sync daemon lvs.cf asks for: {@code syncdaemon = 1} with {@code syncd_iface}
 * and {@code syncd_id}. Without {@code syncd_iface} the daemon uses the private network's interface,
 * the device of {@code nat_router} without its alias ("eth1" for "eth1:1"), which is where the two
 * directors of the reference topology meet; without either there is nothing to start (the daemon
 * needs an interface), which the parser warns about.
 */
public record SyncSpec(String interfaceName, int syncId) {
    public SyncSpec {
        Objects.requireNonNull(interfaceName, "interfaceName");
    }

    public static Optional<SyncSpec> of(ClusterSettings cluster) {
        if (!cluster.syncDaemon()) {
            return Optional.empty();
        }
        return cluster.syncdInterface().or(() -> cluster.natRouter().flatMap(InterfaceAddress::baseDevice))
                .map(i -> new SyncSpec(i, cluster.syncdId()));
    }
}
