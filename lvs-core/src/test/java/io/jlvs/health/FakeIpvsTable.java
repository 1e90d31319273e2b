package io.jlvs.health;

import static io.jlvs.ipvs.internal.IpvsUapi.*;
import static io.jlvs.netlink.NetlinkConstants.CTRL_ATTR_FAMILY_ID;
import static io.jlvs.netlink.NetlinkConstants.CTRL_ATTR_FAMILY_NAME;
import static io.jlvs.netlink.NetlinkConstants.CTRL_ATTR_HDRSIZE;
import static io.jlvs.netlink.NetlinkConstants.CTRL_ATTR_MAXATTR;
import static io.jlvs.netlink.NetlinkConstants.CTRL_ATTR_VERSION;
import static io.jlvs.netlink.NetlinkConstants.GENL_ID_CTRL;

import io.jlvs.ipvs.IpvsClient;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerAddress;
import io.jlvs.ipvs.RealServerEntry;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.Stats;
import io.jlvs.ipvs.VirtualService;
import io.jlvs.ipvs.internal.IpvsCodec;
import io.jlvs.ipvs.internal.memory.RequestKeys;
import io.jlvs.netlink.Attributes;
import io.jlvs.netlink.FakeKernel;
import io.jlvs.netlink.Message;
import io.jlvs.netlink.NetworkNamespace;
import io.jlvs.sys.Errno;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stateful IPVS table behind {@link FakeKernel}: services and real servers added, edited and deleted
 * as ip_vs_ctl.c does, with its errnos (EEXIST, ESRCH for a missing service, ENOENT for a missing real
 * server), and GET_DEST dumps built with the production codec. Enough for an actuator's tests.
 */
public final class FakeIpvsTable {
    static final int FAMILY_ID = 0x2a;
    /** CTRL_CMD_NEWFAMILY: the command of the controller's answer (include/uapi/linux/genetlink.h). */
    private static final int CTRL_CMD_NEWFAMILY = 1;

    private final Map<ServiceKey, VirtualService> services = new LinkedHashMap<>();
    private final Map<ServiceKey, Map<RealServerAddress, RealServerEntry>> dests = new LinkedHashMap<>();
    private final FakeKernel kernel;
    private final List<Integer> commandsPerDatagram = new ArrayList<>();

    public FakeIpvsTable() {
        kernel = new FakeKernel(requests -> {
            if (requests.get(0).type() == GENL_ID_CTRL) {
                return FakeKernel.single(r -> r.data(requests.get(0), GENL_ID_CTRL, w -> w.genlHeader(CTRL_CMD_NEWFAMILY, 2)
                        .putString(CTRL_ATTR_FAMILY_NAME, IPVS_GENL_NAME).putU16(CTRL_ATTR_FAMILY_ID, FAMILY_ID)
                        .putU32(CTRL_ATTR_VERSION, IPVS_GENL_VERSION).putU32(CTRL_ATTR_HDRSIZE, 0)
                        .putU32(CTRL_ATTR_MAXATTR, IPVS_CMD_ATTR_MAX)).ack(requests.get(0)));
            }
            synchronized (this) {
                commandsPerDatagram.add((int) requests.stream().filter(m -> m.genlCommand() != IPVS_CMD_GET_DEST).count());
                FakeKernel.Reply reply = FakeKernel.reply();
                requests.forEach(m -> answer(reply, m));
                return List.of(reply.bytes());
            }
        });
    }

    public IpvsClient client() {
        return IpvsClient.over(kernel, NetworkNamespace.current());
    }

    public synchronized void put(VirtualService service, RealServer... servers) {
        services.put(service.key(), service);
        Map<RealServerAddress, RealServerEntry> m = dests.computeIfAbsent(service.key(), k -> new LinkedHashMap<>());
        for (RealServer s : servers) {
            m.put(s.key(), new RealServerEntry(s, 0, 0, 0, Stats.ZERO));
        }
    }

    /** Sets a real server's connection counts, as traffic would. */
    public synchronized void counts(ServiceKey key, RealServerAddress server, int active, int inactive) {
        RealServerEntry e = dests.get(key).get(server);
        dests.get(key).put(server, new RealServerEntry(e.server(), active, inactive, 0, Stats.ZERO));
    }

    public synchronized boolean hasService(ServiceKey key) {
        return services.containsKey(key);
    }

    /** The real servers of a service as the table holds them, in order. */
    public synchronized List<RealServer> realServers(ServiceKey key) {
        Map<RealServerAddress, RealServerEntry> m = dests.get(key);
        return m == null ? List.of() : m.values().stream().map(RealServerEntry::server).toList();
    }

    /** How many IPVS change requests each datagram sent so far carried (reads excluded). */
    public synchronized List<Integer> changeRequestsPerDatagram() {
        return commandsPerDatagram.stream().filter(n -> n > 0).toList();
    }

    private void answer(FakeKernel.Reply reply, Message m) {
        Attributes top = m.genlAttributes();
        ServiceKey key = RequestKeys.service(top);
        switch (m.genlCommand()) {
            case IPVS_CMD_NEW_SERVICE -> {
                if (services.containsKey(key)) {
                    reply.error(m, Errno.EEXIST);
                    return;
                }
                services.put(key, IpvsCodec.readServiceEntry(top).service());
                dests.put(key, new LinkedHashMap<>());
                reply.ack(m);
            }
            case IPVS_CMD_SET_SERVICE -> {
                if (!services.containsKey(key)) {
                    reply.error(m, Errno.ESRCH);
                    return;
                }
                services.put(key, IpvsCodec.readServiceEntry(top).service());
                reply.ack(m);
            }
            case IPVS_CMD_DEL_SERVICE -> {
                if (services.remove(key) == null) {
                    reply.error(m, Errno.ESRCH);
                    return;
                }
                dests.remove(key);
                reply.ack(m);
            }
            case IPVS_CMD_NEW_DEST, IPVS_CMD_SET_DEST, IPVS_CMD_DEL_DEST -> {
                Map<RealServerAddress, RealServerEntry> table = dests.get(key);
                if (table == null) {
                    reply.error(m, Errno.ESRCH);
                    return;
                }
                RealServerAddress address = RequestKeys.destination(top.nested(IPVS_CMD_ATTR_DEST), key.family());
                boolean exists = table.containsKey(address);
                int command = m.genlCommand();
                if (command == IPVS_CMD_NEW_DEST && exists) {
                    reply.error(m, Errno.EEXIST);
                } else if (command != IPVS_CMD_NEW_DEST && !exists) {
                    reply.error(m, Errno.ENOENT);
                } else if (command == IPVS_CMD_DEL_DEST) {
                    table.remove(address);
                    reply.ack(m);
                } else {
                    RealServer rs = IpvsCodec.readRealServerEntry(top, key.family()).server();
                    RealServerEntry old = table.get(address);
                    table.put(address, old == null ? new RealServerEntry(rs, 0, 0, 0, Stats.ZERO)
                            : new RealServerEntry(rs, old.activeConnections(), old.inactiveConnections(), 0, Stats.ZERO));
                    reply.ack(m);
                }
            }
            case IPVS_CMD_GET_DEST -> {
                Map<RealServerAddress, RealServerEntry> table = dests.get(key);
                if (table == null) {
                    reply.error(m, Errno.ESRCH);
                    return;
                }
                for (RealServerEntry e : table.values()) {
                    reply.multi(m, FAMILY_ID, w -> {
                        w.genlHeader(IPVS_CMD_NEW_DEST, IPVS_GENL_VERSION);
                        IpvsCodec.writeRealServerEntry(w, e);
                    });
                }
                reply.done(m);
            }
            default -> reply.error(m, Errno.EINVAL);
        }
    }
}
