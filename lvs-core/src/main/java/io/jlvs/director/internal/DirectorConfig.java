package io.jlvs.director.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The part of a loaded configuration the director runs on: the services, and how the backup and the
 * sync daemon behave. The configuration model itself (io.jlvs.config) stays richer; an adapter
 * produces this view of it.
 *
 * @param file         where it was read from, for messages
 * @param services     the virtual services in file order
 * @param backupActive {@code backup_active = 1}: a backup keeps the services programmed too
 * @param syncDaemon   the interface (and sync id) of the IPVS connection sync daemon, when configured
 * @param model        the configuration object the adapter read, for the other modules' adapters
 */
public record DirectorConfig(
        Path file, List<ServiceSpec> services, boolean backupActive, Optional<SyncSpec> syncDaemon, Object model) {
    public DirectorConfig {
        Objects.requireNonNull(file, "file");
        services = List.copyOf(services);
        Objects.requireNonNull(syncDaemon, "syncDaemon");
        Objects.requireNonNull(model, "model");
    }

    /** lvs.cf {@code syncdaemon = 1} with its interface and id (jLVS keys {@code syncd_iface}, {@code syncd_id}). */
    public record SyncSpec(String interfaceName, int syncId) {
        public SyncSpec {
            Objects.requireNonNull(interfaceName, "interfaceName");
        }
    }

    /** The service named {@code name}, if any. */
    public Optional<ServiceSpec> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
