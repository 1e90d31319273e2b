package io.jlvs.ipvs.internal.memory;

import static io.jlvs.ipvs.internal.IpvsUapi.*;
import static io.jlvs.netlink.NetlinkConstants.CTRL_ATTR_FAMILY_ID;
import static io.jlvs.netlink.NetlinkConstants.CTRL_ATTR_FAMILY_NAME;
import static io.jlvs.netlink.NetlinkConstants.CTRL_ATTR_HDRSIZE;
import static io.jlvs.netlink.NetlinkConstants.CTRL_ATTR_MAXATTR;
import static io.jlvs.netlink.NetlinkConstants.CTRL_ATTR_VERSION;
import static io.jlvs.netlink.NetlinkConstants.GENL_ID_CTRL;
import static io.jlvs.netlink.NetlinkConstants.NLM_F_DUMP;

import io.jlvs.ipvs.IpvsInfo;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerAddress;
import io.jlvs.ipvs.RealServerEntry;
import io.jlvs.ipvs.ServiceEntry;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.Stats;
import io.jlvs.ipvs.SyncDaemon;
import io.jlvs.ipvs.Timeouts;
import io.jlvs.ipvs.VirtualService;
import io.jlvs.ipvs.internal.IpvsCodec;
import io.jlvs.netlink.Attributes;
import io.jlvs.netlink.Message;
import io.jlvs.sys.Errno;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One network namespace's IPVS table in memory, answering the generic-netlink requests IpvsClient
 * sends as net/netfilter/ipvs/ip_vs_ctl.c does: the same errno for the same mistake (EEXIST for an
 * existing service or real server, ESRCH for a missing service, ENOENT for a missing real server, an
 * unknown scheduler or persistence engine, EINVAL for a real server with upper threshold below the
 * lower, EEXIST/ESRCH for sync daemons), the same defaults (timeouts 900/120/300 s, version 1.2.1,
 * 4096 connection slots), real servers listed newest first as the kernel's list_add_rcu keeps them,
 * and address services before firewall-mark ones. What only a kernel has is not modelled: connections
 * and counters (always zero), schedulers that a kernel might lack (every scheduler of mainline Linux is
 * here), network interfaces (a sync daemon accepts any name), and the hash order of services within
 * each group, which depends on the namespace's address in kernel memory (here: newest first).
 */
public final class IpvsMemoryKernel implements MemoryTransport.Handler {
    static final int FAMILY_ID = 0x1f;
    private static final int CTRL_CMD_NEWFAMILY = 1;
    private static final IpvsInfo INFO = new IpvsInfo(0x010201, 4096);
    private static final Set<String> SCHEDULERS = Set.of("rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq",
            "fo", "ovf", "mh", "twos", "none");
    private static final Set<String> PERSISTENCE_ENGINES = Set.of("sip");

    /** One service and its real servers, in insertion order (listed newest first). */
    private record Entry(VirtualService service, Map<RealServerAddress, RealServer> servers) {
    }

    // Insertion order; listed newest first (as the kernel's hlist_add_head / list_add_rcu put them).
    private final Map<ServiceKey, Entry> services = new LinkedHashMap<>();
    private final Map<SyncDaemon.State, SyncDaemon> daemons = new LinkedHashMap<>();
    private Timeouts timeouts = Timeouts.ofSeconds(900, 120, 300);

    @Override
    public void handle(Message m, MemoryTransport.Replies reply) {
        if (m.type() == GENL_ID_CTRL) {
            reply.data(m, GENL_ID_CTRL, w -> w.genlHeader(CTRL_CMD_NEWFAMILY, 2)
                    .putString(CTRL_ATTR_FAMILY_NAME, IPVS_GENL_NAME).putU16(CTRL_ATTR_FAMILY_ID, FAMILY_ID)
                    .putU32(CTRL_ATTR_VERSION, IPVS_GENL_VERSION).putU32(CTRL_ATTR_HDRSIZE, 0)
                    .putU32(CTRL_ATTR_MAXATTR, IPVS_CMD_ATTR_MAX));
            return;
        }
        if (m.type() != FAMILY_ID) {
            reply.error(m, Errno.ENOENT);
            return;
        }
        int errno = apply(m, reply);
        if (errno > 0) {
            reply.error(m, errno);
        } else if (errno == 0) {
            reply.ack(m);
        }
    }

    /** Answers {@code m}: returns an errno, 0 for a plain ack, or -1 when it answered itself. */
    private int apply(Message m, MemoryTransport.Replies reply) {
        Attributes a = m.genlAttributes();
        boolean dump = (m.flags() & NLM_F_DUMP) == NLM_F_DUMP;
        switch (m.genlCommand()) {
            case IPVS_CMD_GET_INFO -> {
                reply.data(m, FAMILY_ID, w -> {
                    w.genlHeader(IPVS_CMD_SET_INFO, IPVS_GENL_VERSION);
                    IpvsCodec.writeInfo(w, INFO);
                });
                return -1;
            }
            case IPVS_CMD_GET_CONFIG -> {
                Timeouts t = timeouts;
                reply.data(m, FAMILY_ID, w -> {
                    w.genlHeader(IPVS_CMD_SET_CONFIG, IPVS_GENL_VERSION);
                    IpvsCodec.writeTimeouts(w, t);
                });
                return -1;
            }
            case IPVS_CMD_SET_CONFIG -> {
                Timeouts t = IpvsCodec.readTimeouts(a);
                timeouts = new Timeouts(keep(t.tcp(), timeouts.tcp()), keep(t.tcpFin(), timeouts.tcpFin()),
                        keep(t.udp(), timeouts.udp()));
                return 0;
            }
            case IPVS_CMD_FLUSH -> {
                services.clear();
                return 0;
            }
            case IPVS_CMD_ZERO -> {
                // Counters are always zero here; a named service must exist.
                return a.has(IPVS_CMD_ATTR_SERVICE) && !services.containsKey(RequestKeys.service(a)) ? Errno.ESRCH : 0;
            }
            case IPVS_CMD_NEW_SERVICE, IPVS_CMD_SET_SERVICE -> {
                return service(m.genlCommand(), IpvsCodec.readServiceEntry(a).service());
            }
            case IPVS_CMD_DEL_SERVICE -> {
                return services.remove(RequestKeys.service(a)) == null ? Errno.ESRCH : 0;
            }
            case IPVS_CMD_GET_SERVICE -> {
                if (!dump) {
                    Entry e = services.get(RequestKeys.service(a));
                    if (e == null) {
                        return Errno.ESRCH;
                    }
                    reply.data(m, FAMILY_ID, w -> writeService(w, e.service()));
                    return -1;
                }
                for (boolean fwmark : new boolean[] {false, true}) {
                    newestFirst(services.values()).stream().map(Entry::service)
                            .filter(s -> (s.key() instanceof ServiceKey.Fwmark) == fwmark)
                            .forEach(s -> reply.part(m, FAMILY_ID, w -> writeService(w, s)));
                }
                reply.done(m, 0);
                return -1;
            }
            case IPVS_CMD_NEW_DEST, IPVS_CMD_SET_DEST, IPVS_CMD_DEL_DEST -> {
                return dest(m.genlCommand(), a);
            }
            case IPVS_CMD_GET_DEST -> {
                // A missing service dumps as none, without an error (ip_vs_genl_dump_dests: out_err
                // returns the empty skb), unlike a GET of the service itself.
                Entry e = services.get(RequestKeys.service(a));
                newestFirst(e == null ? List.<RealServer>of() : e.servers().values()).forEach(r -> reply.part(m, FAMILY_ID, w -> {
                    w.genlHeader(IPVS_CMD_NEW_DEST, IPVS_GENL_VERSION);
                    IpvsCodec.writeRealServerEntry(w, new RealServerEntry(r, 0, 0, 0, Stats.ZERO));
                }));
                reply.done(m, 0);
                return -1;
            }
            case IPVS_CMD_NEW_DAEMON -> {
                SyncDaemon d = IpvsCodec.readDaemon(a);
                if (daemons.containsKey(d.state())) {
                    return Errno.EEXIST;
                }
                daemons.put(d.state(), d);
                return 0;
            }
            case IPVS_CMD_DEL_DAEMON -> {
                SyncDaemon.State s;
                try {
                    s = SyncDaemon.State.fromKernel(a.nested(IPVS_CMD_ATTR_DAEMON).u32(IPVS_DAEMON_ATTR_STATE));
                } catch (IllegalArgumentException e) {
                    return Errno.EINVAL;
                }
                return daemons.remove(s) == null ? Errno.ESRCH : 0;
            }
            case IPVS_CMD_GET_DAEMON -> {
                daemons.values().forEach(d -> reply.part(m, FAMILY_ID, w -> {
                    w.genlHeader(IPVS_CMD_NEW_DAEMON, IPVS_GENL_VERSION);
                    IpvsCodec.writeDaemon(w, d);
                }));
                reply.done(m, 0);
                return -1;
            }
            default -> {
                return Errno.EOPNOTSUPP;
            }
        }
    }

    private int service(int command, VirtualService s) {
        // ip_vs_genl_set_cmd looks the service up first: EEXIST / ESRCH win over a bad scheduler.
        boolean exists = services.containsKey(s.key());
        if (command == IPVS_CMD_NEW_SERVICE && exists) {
            return Errno.EEXIST;
        }
        if (command == IPVS_CMD_SET_SERVICE && !exists) {
            return Errno.ESRCH;
        }
        if (!SCHEDULERS.contains(s.scheduler().name())) {
            return Errno.ENOENT;   // "Scheduler module ip_vs_X not found"
        }
        if (s.persistenceEngine().isPresent() && !PERSISTENCE_ENGINES.contains(s.persistenceEngine().get())) {
            return Errno.ENOENT;
        }
        // A new one goes last (listed first); an edited one keeps its place and its real servers.
        services.compute(s.key(), (k, old) -> new Entry(s, old == null ? new LinkedHashMap<>() : old.servers()));
        return 0;
    }

    private int dest(int command, Attributes a) {
        ServiceKey key = RequestKeys.service(a);
        Entry entry = services.get(key);
        if (entry == null) {
            return Errno.ESRCH;
        }
        Map<RealServerAddress, RealServer> table = entry.servers();
        RealServerAddress address = RequestKeys.destination(a.nested(IPVS_CMD_ATTR_DEST), key.family());
        boolean exists = table.containsKey(address);
        if (command == IPVS_CMD_DEL_DEST) {
            return table.remove(address) == null ? Errno.ENOENT : 0;
        }
        RealServer r = IpvsCodec.readRealServerEntry(a, key.family()).server();
        if (r.lowerThreshold() > r.upperThreshold()) {   // ip_vs_add_dest, ip_vs_edit_dest
            return Errno.ERANGE;
        }
        if (command == IPVS_CMD_NEW_DEST) {
            if (exists) {
                return Errno.EEXIST;
            }
            table.put(r.key(), r);
        } else {
            if (!exists) {
                return Errno.ENOENT;
            }
            table.replace(r.key(), r);   // in place: the kernel's list keeps its order on edit
        }
        return 0;
    }

    private static void writeService(io.jlvs.netlink.MessageWriter w, VirtualService s) {
        w.genlHeader(IPVS_CMD_NEW_SERVICE, IPVS_GENL_VERSION);
        IpvsCodec.writeServiceEntry(w, new ServiceEntry(s, Stats.ZERO));
    }

    private static <T> List<T> newestFirst(java.util.Collection<T> inInsertionOrder) {
        List<T> out = new ArrayList<>(inInsertionOrder);
        java.util.Collections.reverse(out);
        return out;
    }

    private static Duration keep(Duration asked, Duration current) {
        return asked.isZero() ? current : asked;
    }
}
