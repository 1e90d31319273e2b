package io.jlvs.director;

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
import io.jlvs.ipvs.ServiceEntry;
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
 * An IPVS table kept in memory behind the netlink fake kernel: it decodes the client's requests with
 * the production codec, applies NEW/SET/DEL of services and destinations as ip_vs_ctl.c does
 * (EEXIST, ESRCH for a missing service, ENOENT for a missing destination), and answers dumps with
 * the codec's writers. It counts what it was asked, so tests can tell reads from writes.
 */
final class FakeIpvsTable {
    static final int FAMILY_ID = 0x24;
    private static final int CTRL_CMD_NEWFAMILY = 1;

    final Map<ServiceKey, VirtualService> services = new LinkedHashMap<>();
    final Map<ServiceKey, Map<RealServerAddress, RealServer>> servers = new LinkedHashMap<>();
    final List<Integer> commands = new ArrayList<>();
    /** A command to refuse with EINVAL, or -1. */
    int refuse = -1;
    private final FakeKernel kernel;

    FakeIpvsTable() {
        FakeKernel.Behaviour ipvs = FakeKernel.eachRequest((reply, m) -> {
            commands.add(m.genlCommand());
            if (m.genlCommand() == refuse) {
                reply.error(m, Errno.EINVAL);
            } else {
                handle(reply, m);
            }
        });
        FakeKernel.Behaviour controller = FakeKernel.eachRequest((reply, m) ->
                reply.data(m, GENL_ID_CTRL, w -> w.genlHeader(CTRL_CMD_NEWFAMILY, 2)
                        .putString(CTRL_ATTR_FAMILY_NAME, IPVS_GENL_NAME)
                        .putU16(CTRL_ATTR_FAMILY_ID, FAMILY_ID)
                        .putU32(CTRL_ATTR_VERSION, IPVS_GENL_VERSION)
                        .putU32(CTRL_ATTR_HDRSIZE, 0)
                        .putU32(CTRL_ATTR_MAXATTR, IPVS_CMD_ATTR_MAX)).ack(m));
        kernel = new FakeKernel(requests -> requests.get(0).type() == GENL_ID_CTRL
                ? controller.answer(requests) : ipvs.answer(requests));
    }

    IpvsClient client() {
        return IpvsClient.over(kernel, NetworkNamespace.current());
    }

    /** The commands that change the table, in order. */
    List<Integer> writes() {
        return commands.stream().filter(c -> c != IPVS_CMD_GET_SERVICE && c != IPVS_CMD_GET_DEST).toList();
    }

    private void handle(FakeKernel.Reply reply, Message m) {
        Attributes a = m.genlAttributes();
        switch (m.genlCommand()) {
            case IPVS_CMD_GET_SERVICE -> {
                services.values().forEach(s -> reply.multi(m, m.type(), w -> {
                    w.genlHeader(IPVS_CMD_NEW_SERVICE, IPVS_GENL_VERSION);
                    IpvsCodec.writeServiceEntry(w, new ServiceEntry(s, Stats.ZERO));
                }));
                reply.done(m);
            }
            case IPVS_CMD_GET_DEST -> {
                ServiceKey key = RequestKeys.service(a);
                if (!services.containsKey(key)) {
                    reply.done(m, Errno.ESRCH, 0, null);
                    return;
                }
                servers.get(key).values().forEach(r -> reply.multi(m, m.type(), w -> {
                    w.genlHeader(IPVS_CMD_NEW_DEST, IPVS_GENL_VERSION);
                    IpvsCodec.writeRealServerEntry(w, new RealServerEntry(r, 1, 2, 0, Stats.ZERO));
                }));
                reply.done(m);
            }
            case IPVS_CMD_NEW_SERVICE -> {
                VirtualService s = IpvsCodec.readServiceEntry(a).service();
                if (services.putIfAbsent(s.key(), s) != null) {
                    reply.error(m, Errno.EEXIST);
                    return;
                }
                servers.put(s.key(), new LinkedHashMap<>());
                reply.ack(m);
            }
            case IPVS_CMD_SET_SERVICE -> {
                VirtualService s = IpvsCodec.readServiceEntry(a).service();
                if (services.replace(s.key(), s) == null) {
                    reply.error(m, Errno.ESRCH);
                    return;
                }
                reply.ack(m);
            }
            case IPVS_CMD_DEL_SERVICE -> {
                ServiceKey key = RequestKeys.service(a);
                if (services.remove(key) == null) {
                    reply.error(m, Errno.ESRCH);
                    return;
                }
                servers.remove(key);
                reply.ack(m);
            }
            case IPVS_CMD_NEW_DEST, IPVS_CMD_SET_DEST, IPVS_CMD_DEL_DEST -> dest(reply, m, RequestKeys.service(a));
            default -> reply.error(m, Errno.EINVAL);
        }
    }

    private void dest(FakeKernel.Reply reply, Message m, ServiceKey key) {
        Map<RealServerAddress, RealServer> table = servers.get(key);
        if (table == null) {
            reply.error(m, Errno.ESRCH);
            return;
        }
        RealServerAddress address = RequestKeys.destination(m.genlAttributes().nested(IPVS_CMD_ATTR_DEST), key.family());
        boolean exists = table.containsKey(address);
        switch (m.genlCommand()) {
            case IPVS_CMD_NEW_DEST -> {
                if (exists) {
                    reply.error(m, Errno.EEXIST);
                    return;
                }
                RealServer r = IpvsCodec.readRealServerEntry(m.genlAttributes(), key.family()).server();
                table.put(r.key(), r);
            }
            case IPVS_CMD_SET_DEST -> {
                if (!exists) {
                    reply.error(m, Errno.ENOENT);
                    return;
                }
                RealServer r = IpvsCodec.readRealServerEntry(m.genlAttributes(), key.family()).server();
                table.put(r.key(), r);
            }
            default -> {
                if (!exists) {
                    reply.error(m, Errno.ENOENT);
                    return;
                }
                table.remove(address);
            }
        }
        reply.ack(m);
    }
}
