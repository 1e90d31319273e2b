package io.jlvs.cli.jlvsadm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jlvs.ipvs.AddressFamily;
import io.jlvs.ipvs.IpvsInfo;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerEntry;
import io.jlvs.ipvs.SchedulerFlag;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.Stats;
import io.jlvs.ipvs.SyncDaemon;
import io.jlvs.ipvs.Timeouts;
import io.jlvs.ipvs.TunnelFlag;
import io.jlvs.ipvs.VirtualService;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * jlvsadm --json: a listing as one JSON document, for programs rather than people. Addresses are
 * always numeric, counters are whole unsigned numbers, and every service carries its settings, its
 * counters and rates, and its real servers; the order is ipvsadm's (or the kernel's with --nosort).
 */
final class JsonText {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Set<ListFormat> format;

    JsonText(Set<ListFormat> format) {
        this.format = format;
    }

    /** {"version": "1.2.1", "connectionTableSize": 4096, "services": [...]}. */
    String table(IpvsInfo info, List<Table.Service> services) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", info.versionString());
        root.put("connectionTableSize", info.connectionTableSize());
        ArrayNode list = root.putArray("services");
        List<Table.Service> ordered = format.contains(ListFormat.NOSORT) ? services : ListingOrder.services(services);
        for (Table.Service s : ordered) {
            list.add(service(s));
        }
        return write(root);
    }

    /** {"tcp": 900, "tcpfin": 120, "udp": 300}. */
    String timeouts(Timeouts t) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("tcp", t.tcp().getSeconds());
        root.put("tcpfin", t.tcpFin().getSeconds());
        root.put("udp", t.udp().getSeconds());
        return write(root);
    }

    /** {"daemons": [{"state": "master", "interface": "eth0", ...}]}. */
    String daemons(List<SyncDaemon> daemons) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode list = root.putArray("daemons");
        for (SyncDaemon d : daemons) {
            ObjectNode n = list.addObject();
            n.put("state", d.state().name().toLowerCase(Locale.ROOT));
            n.put("interface", d.interfaceName());
            n.put("syncId", d.syncId());
            n.put("syncMaxLength", d.syncMaxLength());
            if (d.multicastGroup().isPresent()) {
                n.put("multicastGroup", InetNtop.format(d.multicastGroup().get()));
            } else {
                n.putNull("multicastGroup");
            }
            n.put("multicastPort", d.multicastPort());
            n.put("multicastTtl", d.multicastTtl());
        }
        return write(root);
    }

    private ObjectNode service(Table.Service s) {
        VirtualService vs = s.entry().service();
        ObjectNode n = MAPPER.createObjectNode();
        ServiceKey key = vs.key();
        n.put("name", key.toString());
        n.put("family", family(key.family()));
        if (key instanceof ServiceKey.Fwmark f) {
            n.put("fwmark", f.unsignedMark());
        } else {
            ServiceKey.Address a = (ServiceKey.Address) key;
            n.put("protocol", a.protocol().name());
            n.put("address", InetNtop.format(a.address()));
            n.put("port", a.port());
        }
        n.put("scheduler", vs.scheduler().name());
        ArrayNode flags = n.putArray("schedulerFlags");
        for (SchedulerFlag f : vs.schedulerFlags()) {
            flags.add(f.ipvsadmName());
        }
        if (vs.persistence().isPresent()) {
            ObjectNode p = n.putObject("persistence");
            p.put("timeout", vs.persistence().get().timeoutSeconds());
            p.put("netmaskPrefixLength", vs.persistence().get().netmaskPrefixLength());
        } else {
            n.putNull("persistence");
        }
        if (vs.persistenceEngine().isPresent()) {
            n.put("persistenceEngine", vs.persistenceEngine().get());
        } else {
            n.putNull("persistenceEngine");
        }
        n.put("onePacket", vs.onePacket());
        n.set("stats", stats(s.entry().stats()));
        ArrayNode servers = n.putArray("realServers");
        List<RealServerEntry> ordered = format.contains(ListFormat.NOSORT) ? s.realServers()
                : ListingOrder.realServers(s.realServers());
        for (RealServerEntry e : ordered) {
            servers.add(realServer(e));
        }
        return n;
    }

    private ObjectNode realServer(RealServerEntry e) {
        RealServer r = e.server();
        ObjectNode n = MAPPER.createObjectNode();
        n.put("address", InetNtop.format(r.address()));
        n.put("port", r.port());
        n.put("family", family(r.addressFamily()));
        n.put("forwarding", r.forwarding().ipvsadmName());
        n.put("weight", r.weight());
        n.put("upperThreshold", r.upperThreshold());
        n.put("lowerThreshold", r.lowerThreshold());
        if (r.tunnel().isPresent()) {
            ObjectNode t = n.putObject("tunnel");
            t.put("type", r.tunnel().get().type().ipvsadmName());
            t.put("port", r.tunnel().get().port());
            ArrayNode flags = t.putArray("flags");
            for (TunnelFlag f : r.tunnel().get().flags()) {
                flags.add(f.name().toLowerCase(Locale.ROOT));
            }
        } else {
            n.putNull("tunnel");
        }
        n.put("activeConnections", Integer.toUnsignedLong(e.activeConnections()));
        n.put("inactiveConnections", Integer.toUnsignedLong(e.inactiveConnections()));
        n.put("persistentConnections", Integer.toUnsignedLong(e.persistentConnections()));
        n.set("stats", stats(e.stats()));
        return n;
    }

    private static ObjectNode stats(Stats s) {
        ObjectNode n = MAPPER.createObjectNode();
        unsigned(n, "connections", s.connections());
        unsigned(n, "inPackets", s.inPackets());
        unsigned(n, "outPackets", s.outPackets());
        unsigned(n, "inBytes", s.inBytes());
        unsigned(n, "outBytes", s.outBytes());
        unsigned(n, "cps", s.cps());
        unsigned(n, "inPps", s.inPps());
        unsigned(n, "outPps", s.outPps());
        unsigned(n, "inBps", s.inBps());
        unsigned(n, "outBps", s.outBps());
        return n;
    }

    private static void unsigned(ObjectNode n, String name, long value) {
        if (value >= 0) {
            n.put(name, value);
        } else {
            n.put(name, new BigInteger(Long.toUnsignedString(value)));
        }
    }

    private static String family(AddressFamily f) {
        return f == AddressFamily.INET ? "IPv4" : "IPv6";
    }

    private static String write(ObjectNode root) {
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }
}
