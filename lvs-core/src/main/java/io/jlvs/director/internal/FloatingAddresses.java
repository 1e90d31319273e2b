package io.jlvs.director.internal;

import io.jlvs.config.Configuration;
import io.jlvs.failover.AddressManager;
import io.jlvs.failover.AddressOutcome;
import io.jlvs.failover.AddressReport;
import io.jlvs.failover.FloatingAddress;
import io.jlvs.netlink.NetworkNamespace;
import io.jlvs.netlink.route.RouteClient;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The floating addresses of a configuration, released without a running director: after a crash
 * (kill -9, an out-of-memory exit) nothing released them, and the backup has taken over by now, so
 * both directors would answer for the VIPs until they go.
 */
public final class FloatingAddresses {
    private static final Logger log = LoggerFactory.getLogger(FloatingAddresses.class);

    private FloatingAddresses() {
    }

    /** Removes exactly {@code config}'s floating addresses in {@code namespace}; returns those removed. */
    public static List<String> release(Configuration config, NetworkNamespace namespace) {
        List<FloatingAddress> floating = FailoverRolePort.floating(config);
        try (RouteClient route = RouteClient.open(namespace)) {
            AddressReport report = new AddressManager(route, floating, AddressManager.Ownership.ALL_CONFIGURED).release();
            List<String> removed = report.with(AddressOutcome.Result.REMOVED).stream().map(FloatingAddress::toString).toList();
            log.info(Kv.line("event", "release_addresses", "configured", floating.size(), "removed", removed.size()));
            return removed;
        }
    }
}
