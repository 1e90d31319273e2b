package io.jlvs.cli.jlvsadm;

import io.jlvs.ipvs.IpvsClient;
import io.jlvs.ipvs.IpvsInfo;
import io.jlvs.ipvs.RealServerEntry;
import io.jlvs.ipvs.ServiceEntry;
import io.jlvs.ipvs.ServiceKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The IPVS table as read for one listing, in the kernel's order: the IPVS version, and each service
 * with its real servers.
 *
 * @param info version and connection-table size
 * @param services the services, each with its real servers
 */
record Table(IpvsInfo info, List<Service> services) {

    /** A service as the kernel reports it, with its real servers. */
    record Service(ServiceEntry entry, List<RealServerEntry> realServers) {
        Service {
            realServers = List.copyOf(realServers);
        }

        ServiceKey key() {
            return entry.key();
        }
    }

    Table {
        services = List.copyOf(services);
    }

    /** Every service and real server. */
    static Table read(IpvsClient ipvs) {
        IpvsInfo info = ipvs.info();
        List<Service> services = new ArrayList<>();
        for (ServiceEntry e : ipvs.services()) {
            services.add(new Service(e, ipvs.realServers(e.key())));
        }
        return new Table(info, services);
    }

    /** One service with its real servers. */
    static Service readService(ServiceEntry entry, IpvsClient ipvs) {
        return new Service(entry, ipvs.realServers(entry.key()));
    }
}
