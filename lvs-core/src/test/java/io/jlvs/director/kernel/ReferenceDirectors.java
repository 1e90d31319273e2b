package io.jlvs.director.kernel;

import io.jlvs.director.Director;
import io.jlvs.director.DirectorSettings;
import io.jlvs.director.NodeMode;
import io.jlvs.director.internal.DirectorAccess;
import io.jlvs.director.internal.DirectorParts;
import io.jlvs.director.internal.FailoverRolePort;
import io.jlvs.director.internal.HealthPort;
import io.jlvs.director.internal.KernelTable;
import io.jlvs.director.internal.LvsCfLoader;
import io.jlvs.failover.ReferenceCluster;
import io.jlvs.ipvs.IpvsClient;
import java.nio.file.Path;

/** A director of the reference cluster as jlvsd runs one, in the test JVM: lvs1 the primary, lvs2 the backup. */
final class ReferenceDirectors {
    private ReferenceDirectors() {
    }

    /**
     * Starts {@code node}'s director on {@code file} with jlvsd's loader, failover and kernel table, but
     * no health checks: an in-JVM director would probe from the test JVM's namespace, where the real
     * servers are not (jlvsd --netns enters the namespace; LifecycleKernelIT tests that).
     */
    static Director start(ReferenceCluster c, String node, Path file) throws Exception {
        DirectorSettings settings = DirectorSettings.builder(file).namespace(c.namespace(node))
                .node(node.equals("lvs1") ? NodeMode.PRIMARY : NodeMode.BACKUP).build();
        return DirectorAccess.start(settings, new DirectorParts(new LvsCfLoader(), cfg -> HealthPort.none(),
                cfg -> new FailoverRolePort(settings.namespace(), settings.node()),
                ns -> KernelTable.ipvs(IpvsClient.open(ns))));
    }
}
