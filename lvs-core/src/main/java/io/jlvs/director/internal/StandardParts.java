package io.jlvs.director.internal;

import io.jlvs.director.DirectorSettings;
import io.jlvs.ipvs.IpvsClient;

/**
 * The parts a production director is built from: the lvs.cf loader, the IPVS table of the settings'
 * namespace, the health monitor and the failover node. Each adapter turns one module's API into the
 * director's port.
 */
public final class StandardParts {
    private StandardParts() {
    }

    public static DirectorParts forSettings(DirectorSettings settings) {
        return new DirectorParts(new LvsCfLoader(), c -> new MonitorHealthPort(),
                c -> new FailoverRolePort(settings.namespace(), settings.node()),
                ns -> KernelTable.ipvs(IpvsClient.open(ns)));
    }
}
