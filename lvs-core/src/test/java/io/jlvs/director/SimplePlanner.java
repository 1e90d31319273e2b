package io.jlvs.director;

import io.jlvs.director.internal.DesiredService;
import io.jlvs.director.internal.LiveTable;
import io.jlvs.director.internal.TablePlanner;
import io.jlvs.ipvs.Operation;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A straightforward planner for the director's tests (the real one is io.jlvs.director.Reconciler):
 * adds, edits in place and deletes, services before their servers on add and after them on delete.
 */
final class SimplePlanner implements TablePlanner {
    @Override
    public List<Operation> plan(List<DesiredService> desired, LiveTable live) {
        List<Operation> ops = new ArrayList<>();
        for (LiveTable.LiveService l : live.services()) {
            if (desired.stream().noneMatch(d -> d.service().key().equals(l.entry().key()))) {
                l.servers().forEach(r -> ops.add(new Operation.DeleteRealServer(l.entry().key(), r.key())));
                ops.add(new Operation.DeleteService(l.entry().key()));
            }
        }
        for (DesiredService d : desired) {
            Optional<LiveTable.LiveService> l = live.service(d.service().key());
            if (l.isEmpty()) {
                ops.add(new Operation.AddService(d.service()));
            } else if (!l.get().entry().service().equals(d.service())) {
                ops.add(new Operation.EditService(d.service()));
            }
            List<RealServerEntry> liveServers = l.map(LiveTable.LiveService::servers).orElse(List.of());
            for (RealServerEntry e : liveServers) {
                if (d.servers().stream().noneMatch(r -> r.key().equals(e.key()))) {
                    ops.add(new Operation.DeleteRealServer(d.service().key(), e.key()));
                }
            }
            for (RealServer r : d.servers()) {
                Optional<RealServerEntry> e = liveServers.stream().filter(x -> x.key().equals(r.key())).findFirst();
                if (e.isEmpty()) {
                    ops.add(new Operation.AddRealServer(d.service().key(), r));
                } else if (!e.get().server().equals(r)) {
                    ops.add(new Operation.EditRealServer(d.service().key(), r));
                }
            }
        }
        return ops;
    }
}
