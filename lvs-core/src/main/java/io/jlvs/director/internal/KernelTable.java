package io.jlvs.director.internal;

import io.jlvs.ipvs.BatchResult;
import io.jlvs.ipvs.Operation;
import io.jlvs.ipvs.RealServerEntry;
import io.jlvs.ipvs.ServiceKey;
import java.util.List;
import java.util.Optional;

/**
 * The IPVS table of one namespace, as much of it as the director touches: dump it, apply a plan in
 * one batch, steer the sync daemon. {@link #ipvs} is the real one; tests use an in-memory table.
 */
public interface KernelTable extends AutoCloseable {

    KernelSnapshot read();

    /** The real servers of one service with their counters (one dump); empty when it is not there. */
    List<RealServerEntry> realServers(ServiceKey service);

    /** Applies {@code operations} in order, each answered; never stops at a failure. */
    BatchResult apply(List<Operation> operations);

    /** Starts/stops the connection sync daemon for {@code role} (see {@link SyncDaemonFollower}). */
    void followSync(Optional<SyncSpec> spec, Role role);

    @Override
    void close();

    static KernelTable ipvs(io.jlvs.ipvs.IpvsClient client) {
        return new KernelTable() {
            @Override
            public KernelSnapshot read() {
                return KernelSnapshot.read(client);
            }

            @Override
            public List<RealServerEntry> realServers(ServiceKey service) {
                try {
                    return client.realServers(service);
                } catch (io.jlvs.ipvs.NoSuchServiceException e) {
                    return List.of();
                }
            }

            @Override
            public BatchResult apply(List<Operation> operations) {
                return client.apply(io.jlvs.ipvs.Batch.of(operations));
            }

            @Override
            public void followSync(Optional<SyncSpec> spec, Role role) {
                SyncDaemonFollower.follow(client, spec, role);
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }
}
