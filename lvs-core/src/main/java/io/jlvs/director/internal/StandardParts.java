package io.jlvs.director.internal;

import io.jlvs.director.DirectorSettings;
import io.jlvs.director.NodeMode;

/**
 * The parts a production director is built from: the lvs.cf loader, the reconciler, the health
 * monitor and the failover node. Each adapter turns one module's API into the director's port.
 */
public final class StandardParts {
    private StandardParts() {
    }

    public static DirectorParts forSettings(DirectorSettings settings) {
        throw new UnsupportedOperationException("wiring pending: " + settings.node());
    }

    static Role fixedRole(NodeMode node) {
        return node == NodeMode.BACKUP ? Role.BACKUP : Role.ACTIVE;
    }
}
