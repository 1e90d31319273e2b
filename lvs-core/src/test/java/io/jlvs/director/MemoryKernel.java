package io.jlvs.director;

import io.jlvs.director.internal.KernelTable;
import io.jlvs.director.internal.KernelSnapshot;
import io.jlvs.director.internal.SyncSpec;
import io.jlvs.director.internal.Role;
import io.jlvs.ipvs.BatchResult;
import io.jlvs.ipvs.Operation;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerAddress;
import io.jlvs.ipvs.RealServerEntry;
import io.jlvs.ipvs.ServiceEntry;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.Stats;
import io.jlvs.ipvs.VirtualService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An IPVS table in memory with the kernel's rules that matter here: add fails on an existing entry,
 * edit and delete fail on a missing one. It records every operation applied, so tests can check that
 * a reload edited in place rather than deleting and re-adding.
 */
final class MemoryKernel implements KernelTable {
    final Map<ServiceKey, VirtualService> services = new LinkedHashMap<>();
    final Map<ServiceKey, Map<RealServerAddress, RealServer>> servers = new LinkedHashMap<>();
    final Map<RealServerAddress, Integer> activeConnections = new java.util.concurrent.ConcurrentHashMap<>();
    /** Each real server's counters and rates as a dump reports them (zero when not set). */
    final Map<RealServerAddress, Stats> stats = new java.util.concurrent.ConcurrentHashMap<>();
    final List<Operation> applied = new ArrayList<>();
    final List<Role> syncRoles = new ArrayList<>();
    boolean closed;
    int reads;

    @Override
    public synchronized KernelSnapshot read() {
        reads++;
        List<KernelSnapshot.LiveService> out = new ArrayList<>();
        services.forEach((k, v) -> {
            List<RealServerEntry> rs = new ArrayList<>();
            servers.get(k).values().forEach(r -> rs.add(new RealServerEntry(r, activeConnections.getOrDefault(r.key(), 0), 0, 0,
                    stats.getOrDefault(r.key(), Stats.ZERO))));
            out.add(new KernelSnapshot.LiveService(new ServiceEntry(v, new Stats(7, 1, 2, 3, 4, 0, 0, 0, 0, 0)), rs));
        });
        return new KernelSnapshot(out);
    }

    @Override
    public synchronized List<RealServerEntry> realServers(ServiceKey service) {
        List<RealServerEntry> rs = new ArrayList<>();
        servers.getOrDefault(service, Map.of()).values()
                .forEach(r -> rs.add(new RealServerEntry(r, activeConnections.getOrDefault(r.key(), 0), 0, 0, Stats.ZERO)));
        return rs;
    }

    @Override
    public synchronized BatchResult apply(List<Operation> operations) {
        List<BatchResult.OperationResult> results = new ArrayList<>();
        for (Operation op : operations) {
            boolean ok = applyOne(op);
            if (ok) {
                applied.add(op);
            }
            results.add(new BatchResult.OperationResult(op, ok ? BatchResult.Status.APPLIED : BatchResult.Status.FAILED, Optional.empty()));
        }
        return new BatchResult(results);
    }

    private boolean applyOne(Operation op) {
        return switch (op) {
            case Operation.AddService a -> services.putIfAbsent(a.service(), a.virtualService()) == null
                    && servers.put(a.service(), new LinkedHashMap<>()) == null;
            case Operation.EditService e -> services.replace(e.service(), e.virtualService()) != null;
            case Operation.DeleteService d -> services.remove(d.service()) != null && servers.remove(d.service()) != null;
            case Operation.AddRealServer a -> servers.containsKey(a.service())
                    && servers.get(a.service()).putIfAbsent(a.server().key(), a.server()) == null;
            case Operation.EditRealServer e -> servers.containsKey(e.service())
                    && servers.get(e.service()).replace(e.server().key(), e.server()) != null;
            case Operation.DeleteRealServer d -> servers.containsKey(d.service())
                    && servers.get(d.service()).remove(d.server()) != null;
        };
    }

    synchronized void clearApplied() {
        applied.clear();
    }

    synchronized List<Operation> appliedOps() {
        return List.copyOf(applied);
    }

    synchronized Optional<RealServer> server(ServiceKey key, RealServerAddress rs) {
        return Optional.ofNullable(servers.getOrDefault(key, Map.of()).get(rs));
    }

    @Override
    public synchronized void followSync(Optional<SyncSpec> spec, Role role) {
        spec.ifPresent(s -> syncRoles.add(role));
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
