package io.jlvs.director.internal;

import io.jlvs.config.ClusterSettings;
import java.util.Objects;
import java.util.Optional;

/**
 * The IPVS connection sync daemon lvs.cf asks for: {@code syncdaemon = 1} with {@code syncd_iface}
 * and {@code syncd_id}. Without an interface there is nothing to start (the daemon needs one).
 */
public record SyncSpec(String interfaceName, int syncId) {
    public SyncSpec {
        Objects.requireNonNull(interfaceName, "interfaceName");
    }

    public static Optional<SyncSpec> of(ClusterSettings cluster) {
        if (!cluster.syncDaemon()) {
            return Optional.empty();
        }
        return cluster.syncdInterface().map(i -> new SyncSpec(i, cluster.syncdId()));
    }
}
