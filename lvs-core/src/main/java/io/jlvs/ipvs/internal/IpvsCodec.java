package io.jlvs.ipvs.internal;

import static io.jlvs.ipvs.internal.IpvsUapi.*;

import io.jlvs.ipvs.AddressFamily;
import io.jlvs.ipvs.ForwardingMethod;
import io.jlvs.ipvs.IpvsInfo;
import io.jlvs.ipvs.Persistence;
import io.jlvs.ipvs.Protocol;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerAddress;
import io.jlvs.ipvs.RealServerEntry;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.SchedulerFlag;
import io.jlvs.ipvs.ServiceEntry;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.Stats;
import io.jlvs.ipvs.SyncDaemon;
import io.jlvs.ipvs.Timeouts;
import io.jlvs.ipvs.TunnelFlag;
import io.jlvs.ipvs.TunnelOptions;
import io.jlvs.ipvs.TunnelType;
import io.jlvs.ipvs.VirtualService;
import io.jlvs.netlink.Attribute;
import io.jlvs.netlink.Attributes;
import io.jlvs.netlink.MalformedMessageException;
import io.jlvs.netlink.MessageWriter;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The IPVS generic-netlink attribute layouts (include/uapi/linux/ip_vs.h; how the kernel reads and
 * fills them: ip_vs_genl_parse_service/_dest, ip_vs_genl_fill_service/_dest/_stats64 and
 * ip_vs_genl_new_daemon in net/netfilter/ipvs/ip_vs_ctl.c). Each attribute is declared once below and
 * used by both the encoder and the decoder.
 */
public final class IpvsCodec {
    private IpvsCodec() {}

    // Service (IPVS_CMD_ATTR_SERVICE nest)
    static final Attribute<Integer> SVC_AF = Attribute.u16(IPVS_SVC_ATTR_AF, "IPVS_SVC_ATTR_AF");
    static final Attribute<Integer> SVC_PROTOCOL = Attribute.u16(IPVS_SVC_ATTR_PROTOCOL, "IPVS_SVC_ATTR_PROTOCOL");
    /** union nf_inet_addr: 16 bytes, an IPv4 address in the first 4 (libipvs sends all 16). */
    static final Attribute<byte[]> SVC_ADDR = Attribute.bytes(IPVS_SVC_ATTR_ADDR, "IPVS_SVC_ATTR_ADDR");
    static final Attribute<Integer> SVC_PORT = Attribute.be16(IPVS_SVC_ATTR_PORT, "IPVS_SVC_ATTR_PORT");
    static final Attribute<Integer> SVC_FWMARK = Attribute.u32(IPVS_SVC_ATTR_FWMARK, "IPVS_SVC_ATTR_FWMARK");
    static final Attribute<String> SVC_SCHED_NAME = Attribute.string(IPVS_SVC_ATTR_SCHED_NAME, "IPVS_SVC_ATTR_SCHED_NAME");
    /** struct ip_vs_flags { __u32 flags; __u32 mask; }: the kernel applies (old & ~mask) | (flags & mask). */
    static final Attribute<byte[]> SVC_FLAGS = Attribute.bytes(IPVS_SVC_ATTR_FLAGS, "IPVS_SVC_ATTR_FLAGS");
    static final Attribute<Integer> SVC_TIMEOUT = Attribute.u32(IPVS_SVC_ATTR_TIMEOUT, "IPVS_SVC_ATTR_TIMEOUT");
    /**
     * Read by the kernel as a __be32 whatever the family: an IPv4 netmask in network order, but for
     * IPv6 the prefix length as a plain number (ip_vs_add_service checks 1..128; libipvs sends it with
     * NLA_PUT_U32). Kept raw here and converted by family.
     */
    static final Attribute<Integer> SVC_NETMASK = Attribute.u32(IPVS_SVC_ATTR_NETMASK, "IPVS_SVC_ATTR_NETMASK");
    static final Attribute<String> SVC_PE_NAME = Attribute.string(IPVS_SVC_ATTR_PE_NAME, "IPVS_SVC_ATTR_PE_NAME");

    // Real server (IPVS_CMD_ATTR_DEST nest)
    static final Attribute<byte[]> DEST_ADDR = Attribute.bytes(IPVS_DEST_ATTR_ADDR, "IPVS_DEST_ATTR_ADDR");
    static final Attribute<Integer> DEST_PORT = Attribute.be16(IPVS_DEST_ATTR_PORT, "IPVS_DEST_ATTR_PORT");
    static final Attribute<Integer> DEST_FWD_METHOD = Attribute.u32(IPVS_DEST_ATTR_FWD_METHOD, "IPVS_DEST_ATTR_FWD_METHOD");
    static final Attribute<Integer> DEST_WEIGHT = Attribute.u32(IPVS_DEST_ATTR_WEIGHT, "IPVS_DEST_ATTR_WEIGHT");
    static final Attribute<Integer> DEST_U_THRESH = Attribute.u32(IPVS_DEST_ATTR_U_THRESH, "IPVS_DEST_ATTR_U_THRESH");
    static final Attribute<Integer> DEST_L_THRESH = Attribute.u32(IPVS_DEST_ATTR_L_THRESH, "IPVS_DEST_ATTR_L_THRESH");
    static final Attribute<Integer> DEST_ACTIVE_CONNS = Attribute.u32(IPVS_DEST_ATTR_ACTIVE_CONNS, "IPVS_DEST_ATTR_ACTIVE_CONNS");
    static final Attribute<Integer> DEST_INACT_CONNS = Attribute.u32(IPVS_DEST_ATTR_INACT_CONNS, "IPVS_DEST_ATTR_INACT_CONNS");
    static final Attribute<Integer> DEST_PERSIST_CONNS = Attribute.u32(IPVS_DEST_ATTR_PERSIST_CONNS, "IPVS_DEST_ATTR_PERSIST_CONNS");
    static final Attribute<Integer> DEST_ADDR_FAMILY = Attribute.u16(IPVS_DEST_ATTR_ADDR_FAMILY, "IPVS_DEST_ATTR_ADDR_FAMILY");
    static final Attribute<Integer> DEST_TUN_TYPE = Attribute.u8(IPVS_DEST_ATTR_TUN_TYPE, "IPVS_DEST_ATTR_TUN_TYPE");
    static final Attribute<Integer> DEST_TUN_PORT = Attribute.be16(IPVS_DEST_ATTR_TUN_PORT, "IPVS_DEST_ATTR_TUN_PORT");
    static final Attribute<Integer> DEST_TUN_FLAGS = Attribute.u16(IPVS_DEST_ATTR_TUN_FLAGS, "IPVS_DEST_ATTR_TUN_FLAGS");

    // Sync daemon (IPVS_CMD_ATTR_DAEMON nest)
    static final Attribute<Integer> DAEMON_STATE = Attribute.u32(IPVS_DAEMON_ATTR_STATE, "IPVS_DAEMON_ATTR_STATE");
    static final Attribute<String> DAEMON_MCAST_IFN = Attribute.string(IPVS_DAEMON_ATTR_MCAST_IFN, "IPVS_DAEMON_ATTR_MCAST_IFN");
    static final Attribute<Integer> DAEMON_SYNC_ID = Attribute.u32(IPVS_DAEMON_ATTR_SYNC_ID, "IPVS_DAEMON_ATTR_SYNC_ID");
    static final Attribute<Integer> DAEMON_SYNC_MAXLEN = Attribute.u16(IPVS_DAEMON_ATTR_SYNC_MAXLEN, "IPVS_DAEMON_ATTR_SYNC_MAXLEN");
    /** struct in_addr (nla_get_in_addr): 4 bytes in network order. */
    static final Attribute<byte[]> DAEMON_MCAST_GROUP = Attribute.bytes(IPVS_DAEMON_ATTR_MCAST_GROUP, "IPVS_DAEMON_ATTR_MCAST_GROUP");
    static final Attribute<byte[]> DAEMON_MCAST_GROUP6 = Attribute.bytes(IPVS_DAEMON_ATTR_MCAST_GROUP6, "IPVS_DAEMON_ATTR_MCAST_GROUP6");
    /** Host byte order (nla_get_u16), unlike the service and real-server ports. */
    static final Attribute<Integer> DAEMON_MCAST_PORT = Attribute.u16(IPVS_DAEMON_ATTR_MCAST_PORT, "IPVS_DAEMON_ATTR_MCAST_PORT");
    static final Attribute<Integer> DAEMON_MCAST_TTL = Attribute.u8(IPVS_DAEMON_ATTR_MCAST_TTL, "IPVS_DAEMON_ATTR_MCAST_TTL");

    // Top-level attributes of SET_CONFIG / GET_CONFIG replies, and of GET_INFO replies
    static final Attribute<Integer> TIMEOUT_TCP = Attribute.u32(IPVS_CMD_ATTR_TIMEOUT_TCP, "IPVS_CMD_ATTR_TIMEOUT_TCP");
    static final Attribute<Integer> TIMEOUT_TCP_FIN = Attribute.u32(IPVS_CMD_ATTR_TIMEOUT_TCP_FIN, "IPVS_CMD_ATTR_TIMEOUT_TCP_FIN");
    static final Attribute<Integer> TIMEOUT_UDP = Attribute.u32(IPVS_CMD_ATTR_TIMEOUT_UDP, "IPVS_CMD_ATTR_TIMEOUT_UDP");
    static final Attribute<Integer> INFO_VERSION = Attribute.u32(IPVS_INFO_ATTR_VERSION, "IPVS_INFO_ATTR_VERSION");
    static final Attribute<Integer> INFO_CONN_TAB_SIZE = Attribute.u32(IPVS_INFO_ATTR_CONN_TAB_SIZE, "IPVS_INFO_ATTR_CONN_TAB_SIZE");

    private static final int NF_INET_ADDR_LENGTH = 16;

    // ---- encoding ----

    /** The identity of a service: what DEL_SERVICE, ZERO and every real-server command need. */
    public static void writeServiceKey(MessageWriter w, ServiceKey key) {
        SVC_AF.write(w, key.family().number());
        switch (key) {
            case ServiceKey.Address a -> {
                SVC_PROTOCOL.write(w, a.protocol().number());
                SVC_ADDR.write(w, inetAddr(a.address()));
                SVC_PORT.write(w, a.port());
            }
            case ServiceKey.Fwmark f -> SVC_FWMARK.write(w, f.mark());
        }
    }

    public static void writeServiceKeyNest(MessageWriter w, ServiceKey key) {
        int nest = w.beginNested(IPVS_CMD_ATTR_SERVICE);
        writeServiceKey(w, key);
        w.endNested(nest);
    }

    /** A full service, as NEW_SERVICE and SET_SERVICE require (key, scheduler, flags, timeout, netmask). */
    public static void writeService(MessageWriter w, VirtualService s) {
        int nest = w.beginNested(IPVS_CMD_ATTR_SERVICE);
        writeServiceSettings(w, s, 0);
        w.endNested(nest);
    }

    /** Key, scheduler, engine, flags (with {@code extraFlags}), timeout and netmask: shared by request and reply. */
    private static void writeServiceSettings(MessageWriter w, VirtualService s, int extraFlags) {
        writeServiceKey(w, s.key());
        SVC_SCHED_NAME.write(w, s.scheduler().name());
        s.persistenceEngine().ifPresent(pe -> SVC_PE_NAME.write(w, pe));
        SVC_FLAGS.write(w, flags(serviceFlags(s) | extraFlags, 0xffff_ffff));
        SVC_TIMEOUT.write(w, (int) s.persistence().map(Persistence::timeoutSeconds).orElse(0L).longValue());
        int prefix = s.persistence().map(Persistence::netmaskPrefixLength).orElse(s.family().maxPrefixLength());
        SVC_NETMASK.write(w, encodeNetmask(s.family(), prefix));
    }

    public static int serviceFlags(VirtualService s) {
        int flags = SchedulerFlag.toKernelBits(s.schedulerFlags());
        if (s.isPersistent()) {
            flags |= IP_VS_SVC_F_PERSISTENT;
        }
        if (s.onePacket()) {
            flags |= IP_VS_SVC_F_ONEPACKET;
        }
        return flags;
    }

    /** A real server: full for NEW_DEST/SET_DEST; for DEL_DEST only address, port and family count. */
    public static void writeRealServer(MessageWriter w, RealServer r) {
        int nest = w.beginNested(IPVS_CMD_ATTR_DEST);
        DEST_ADDR.write(w, inetAddr(r.address()));
        DEST_PORT.write(w, r.port());
        DEST_ADDR_FAMILY.write(w, r.addressFamily().number());
        DEST_FWD_METHOD.write(w, r.forwarding().kernelValue());
        DEST_WEIGHT.write(w, r.weight());
        DEST_U_THRESH.write(w, r.upperThreshold());
        DEST_L_THRESH.write(w, r.lowerThreshold());
        r.tunnel().ifPresent(t -> {
            DEST_TUN_TYPE.write(w, t.type().kernelValue());
            DEST_TUN_PORT.write(w, t.port());
            DEST_TUN_FLAGS.write(w, TunnelFlag.toKernelBits(t.flags()));
        });
        w.endNested(nest);
    }

    public static void writeRealServerAddress(MessageWriter w, RealServerAddress a) {
        int nest = w.beginNested(IPVS_CMD_ATTR_DEST);
        DEST_ADDR.write(w, inetAddr(a.address()));
        DEST_PORT.write(w, a.port());
        DEST_ADDR_FAMILY.write(w, a.family().number());
        w.endNested(nest);
    }

    public static void writeDaemon(MessageWriter w, SyncDaemon d) {
        int nest = w.beginNested(IPVS_CMD_ATTR_DAEMON);
        DAEMON_STATE.write(w, d.state().kernelValue());
        DAEMON_MCAST_IFN.write(w, d.interfaceName());
        DAEMON_SYNC_ID.write(w, d.syncId());
        if (d.syncMaxLength() != 0) {
            DAEMON_SYNC_MAXLEN.write(w, d.syncMaxLength());
        }
        d.multicastGroup().ifPresent(g ->
                (g.getAddress().length == 4 ? DAEMON_MCAST_GROUP : DAEMON_MCAST_GROUP6).write(w, g.getAddress()));
        if (d.multicastPort() != 0) {
            DAEMON_MCAST_PORT.write(w, d.multicastPort());
        }
        if (d.multicastTtl() != 0) {
            DAEMON_MCAST_TTL.write(w, d.multicastTtl());
        }
        w.endNested(nest);
    }

    public static void writeDaemonState(MessageWriter w, SyncDaemon.State state) {
        int nest = w.beginNested(IPVS_CMD_ATTR_DAEMON);
        DAEMON_STATE.write(w, state.kernelValue());
        w.endNested(nest);
    }

    /** Zero means "leave unchanged" to the kernel (ip_vs_set_timeout), so zeros are sent as they are. */
    public static void writeTimeouts(MessageWriter w, Timeouts t) {
        TIMEOUT_TCP.write(w, (int) t.tcp().toSeconds());
        TIMEOUT_TCP_FIN.write(w, (int) t.tcpFin().toSeconds());
        TIMEOUT_UDP.write(w, (int) t.udp().toSeconds());
    }

    // ---- what the kernel writes (ip_vs_genl_fill_*): for fake kernels in tests and for replay ----

    /** A service as ip_vs_genl_fill_service reports it: the request layout plus STATS and STATS64. */
    public static void writeServiceEntry(MessageWriter w, ServiceEntry e) {
        VirtualService s = e.service();
        int nest = w.beginNested(IPVS_CMD_ATTR_SERVICE);
        writeServiceSettings(w, s, IP_VS_SVC_F_HASHED);
        writeStats(w, IPVS_SVC_ATTR_STATS, IPVS_SVC_ATTR_STATS64, e.stats());
        w.endNested(nest);
    }

    /** A real server as ip_vs_genl_fill_dest reports it. */
    public static void writeRealServerEntry(MessageWriter w, RealServerEntry e) {
        RealServer r = e.server();
        int nest = w.beginNested(IPVS_CMD_ATTR_DEST);
        DEST_ADDR.write(w, inetAddr(r.address()));
        DEST_PORT.write(w, r.port());
        DEST_FWD_METHOD.write(w, r.forwarding().kernelValue());
        DEST_WEIGHT.write(w, r.weight());
        DEST_U_THRESH.write(w, r.upperThreshold());
        DEST_L_THRESH.write(w, r.lowerThreshold());
        DEST_ACTIVE_CONNS.write(w, e.activeConnections());
        DEST_INACT_CONNS.write(w, e.inactiveConnections());
        DEST_PERSIST_CONNS.write(w, e.persistentConnections());
        DEST_ADDR_FAMILY.write(w, r.addressFamily().number());
        TunnelOptions t = r.tunnel().orElse(TunnelOptions.IPIP);
        DEST_TUN_TYPE.write(w, t.type().kernelValue());
        DEST_TUN_PORT.write(w, t.port());
        DEST_TUN_FLAGS.write(w, TunnelFlag.toKernelBits(t.flags()));
        writeStats(w, IPVS_DEST_ATTR_STATS, IPVS_DEST_ATTR_STATS64, e.stats());
        w.endNested(nest);
    }

    /** Both stats nests, as the kernel sends them: STATS with u32 counters (bytes u64), STATS64 all u64. */
    static void writeStats(MessageWriter w, int statsType, int stats64Type, Stats s) {
        int old = w.beginNested(statsType);
        w.putU32(IPVS_STATS_ATTR_CONNS, (int) s.connections());
        w.putU32(IPVS_STATS_ATTR_INPKTS, (int) s.inPackets());
        w.putU32(IPVS_STATS_ATTR_OUTPKTS, (int) s.outPackets());
        w.putU64(IPVS_STATS_ATTR_INBYTES, s.inBytes());
        w.putU64(IPVS_STATS_ATTR_OUTBYTES, s.outBytes());
        w.putU32(IPVS_STATS_ATTR_CPS, (int) s.cps());
        w.putU32(IPVS_STATS_ATTR_INPPS, (int) s.inPps());
        w.putU32(IPVS_STATS_ATTR_OUTPPS, (int) s.outPps());
        w.putU32(IPVS_STATS_ATTR_INBPS, (int) s.inBps());
        w.putU32(IPVS_STATS_ATTR_OUTBPS, (int) s.outBps());
        w.endNested(old);
        int wide = w.beginNested(stats64Type);
        w.putU64(IPVS_STATS_ATTR_CONNS, s.connections());
        w.putU64(IPVS_STATS_ATTR_INPKTS, s.inPackets());
        w.putU64(IPVS_STATS_ATTR_OUTPKTS, s.outPackets());
        w.putU64(IPVS_STATS_ATTR_INBYTES, s.inBytes());
        w.putU64(IPVS_STATS_ATTR_OUTBYTES, s.outBytes());
        w.putU64(IPVS_STATS_ATTR_CPS, s.cps());
        w.putU64(IPVS_STATS_ATTR_INPPS, s.inPps());
        w.putU64(IPVS_STATS_ATTR_OUTPPS, s.outPps());
        w.putU64(IPVS_STATS_ATTR_INBPS, s.inBps());
        w.putU64(IPVS_STATS_ATTR_OUTBPS, s.outBps());
        w.endNested(wide);
    }

    /** The info reply (IPVS_CMD_SET_INFO). */
    public static void writeInfo(MessageWriter w, IpvsInfo info) {
        INFO_VERSION.write(w, info.version());
        INFO_CONN_TAB_SIZE.write(w, info.connectionTableSize());
    }

    // ---- decoding ----
    //
    // Kernel bytes may hold values the model refuses (a tunnel type of a newer kernel, a threshold
    // above Integer.MAX_VALUE set by another tool): the value types say so with an
    // IllegalArgumentException, which the read* methods turn into MalformedMessageException, so that a
    // caller has one kind of "cannot read this reply" (IpvsClient makes it a ProtocolException).

    public static ServiceEntry readServiceEntry(Attributes top) {
        return representable("IPVS_CMD_ATTR_SERVICE", () -> decodeServiceEntry(top));
    }

    /**
     * @param serviceFamily the family of the service the real server belongs to; the real server's own
     *                      family comes from IPVS_DEST_ATTR_ADDR_FAMILY when the kernel sends it
     */
    public static RealServerEntry readRealServerEntry(Attributes top, AddressFamily serviceFamily) {
        return representable("IPVS_CMD_ATTR_DEST", () -> decodeRealServerEntry(top, serviceFamily));
    }

    public static SyncDaemon readDaemon(Attributes top) {
        return representable("IPVS_CMD_ATTR_DAEMON", () -> decodeDaemon(top));
    }

    public static Timeouts readTimeouts(Attributes a) {
        return representable("IPVS_CMD_ATTR_TIMEOUT_*", () -> decodeTimeouts(a));
    }

    public static IpvsInfo readInfo(Attributes a) {
        return representable("IPVS_INFO_ATTR_*", () -> decodeInfo(a));
    }

    private static <T> T representable(String what, Supplier<T> decoder) {
        try {
            return decoder.get();
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException(what + " holds a value the model cannot represent: " + e.getMessage());
        }
    }

    private static ServiceEntry decodeServiceEntry(Attributes top) {
        Attributes a = nest(top, IPVS_CMD_ATTR_SERVICE, "IPVS_CMD_ATTR_SERVICE");
        ServiceKey key = readServiceKey(a);
        Scheduler scheduler = Scheduler.of(SVC_SCHED_NAME.require(a));
        int flags = readFlags(a);
        VirtualService.Builder b = VirtualService.builder(key).scheduler(scheduler)
                .schedulerFlags(SchedulerFlag.fromKernelBits(flags, scheduler))
                .onePacket((flags & IP_VS_SVC_F_ONEPACKET) != 0);
        if ((flags & IP_VS_SVC_F_PERSISTENT) != 0) {
            long timeout = Integer.toUnsignedLong(SVC_TIMEOUT.require(a));
            int prefix = decodeNetmask(key.family(), SVC_NETMASK.require(a));
            b.persistence(new Persistence(Duration.ofSeconds(timeout), prefix));
        }
        String pe = SVC_PE_NAME.read(a);
        if (pe != null && !pe.isEmpty()) {
            b.persistenceEngine(pe);
        }
        Stats stats = readStats(a, IPVS_SVC_ATTR_STATS64, IPVS_SVC_ATTR_STATS);
        return new ServiceEntry(b.build(), stats);
    }

    static ServiceKey readServiceKey(Attributes a) {
        AddressFamily family = family(SVC_AF.require(a));
        Integer mark = SVC_FWMARK.read(a);
        if (mark != null && mark != 0) {
            return ServiceKey.fwmark(mark, family);
        }
        Protocol protocol = protocol(SVC_PROTOCOL.require(a));
        return new ServiceKey.Address(protocol, address(family, SVC_ADDR.require(a)), SVC_PORT.require(a));
    }

    private static int readFlags(Attributes a) {
        byte[] raw = SVC_FLAGS.require(a);
        if (raw.length < 8) {
            throw new MalformedMessageException("IPVS_SVC_ATTR_FLAGS has " + raw.length + " bytes, expected 8");
        }
        return ByteBuffer.wrap(raw).order(ByteOrder.nativeOrder()).getInt(0);
    }

    private static RealServerEntry decodeRealServerEntry(Attributes top, AddressFamily serviceFamily) {
        Attributes a = nest(top, IPVS_CMD_ATTR_DEST, "IPVS_CMD_ATTR_DEST");
        Integer familyNumber = DEST_ADDR_FAMILY.read(a);
        AddressFamily family = familyNumber == null || familyNumber == 0 ? serviceFamily : family(familyNumber);
        ForwardingMethod forwarding = ForwardingMethod.fromKernel(DEST_FWD_METHOD.require(a));
        RealServer.Builder b = RealServer.builder(address(family, DEST_ADDR.require(a)), DEST_PORT.require(a))
                .forwarding(forwarding)
                .weight(DEST_WEIGHT.require(a))
                .upperThreshold(DEST_U_THRESH.require(a))
                .lowerThreshold(DEST_L_THRESH.require(a));
        if (forwarding == ForwardingMethod.TUNNEL && a.has(IPVS_DEST_ATTR_TUN_TYPE)) {
            TunnelType type = TunnelType.fromKernel(DEST_TUN_TYPE.require(a));
            Integer port = DEST_TUN_PORT.read(a);
            Integer bits = DEST_TUN_FLAGS.read(a);
            b.tunnel(new TunnelOptions(type, type == TunnelType.GUE && port != null ? port : 0,
                    TunnelFlag.fromKernelBits(bits == null ? 0 : bits)));
        }
        Stats stats = readStats(a, IPVS_DEST_ATTR_STATS64, IPVS_DEST_ATTR_STATS);
        return new RealServerEntry(b.build(), orZero(DEST_ACTIVE_CONNS.read(a)), orZero(DEST_INACT_CONNS.read(a)),
                orZero(DEST_PERSIST_CONNS.read(a)), stats);
    }

    private static SyncDaemon decodeDaemon(Attributes top) {
        Attributes a = nest(top, IPVS_CMD_ATTR_DAEMON, "IPVS_CMD_ATTR_DAEMON");
        SyncDaemon.Builder b = SyncDaemon.builder(SyncDaemon.State.fromKernel(DAEMON_STATE.require(a)),
                        DAEMON_MCAST_IFN.require(a))
                .syncId(DAEMON_SYNC_ID.require(a));
        Integer maxLen = DAEMON_SYNC_MAXLEN.read(a);
        if (maxLen != null) {
            b.syncMaxLength(maxLen);
        }
        byte[] group6 = DAEMON_MCAST_GROUP6.read(a);
        byte[] group4 = DAEMON_MCAST_GROUP.read(a);
        if (group6 != null && group6.length == 16 && !allZero(group6)) {
            b.multicastGroup(address(AddressFamily.INET6, group6));
        } else if (group4 != null && group4.length >= 4 && !allZero(group4)) {
            b.multicastGroup(address(AddressFamily.INET, group4));
        }
        Integer port = DAEMON_MCAST_PORT.read(a);
        if (port != null) {
            b.multicastPort(port);
        }
        Integer ttl = DAEMON_MCAST_TTL.read(a);
        if (ttl != null) {
            b.multicastTtl(ttl);
        }
        return b.build();
    }

    private static Timeouts decodeTimeouts(Attributes a) {
        return new Timeouts(seconds(TIMEOUT_TCP.read(a)), seconds(TIMEOUT_TCP_FIN.read(a)), seconds(TIMEOUT_UDP.read(a)));
    }

    private static IpvsInfo decodeInfo(Attributes a) {
        return new IpvsInfo(INFO_VERSION.require(a), INFO_CONN_TAB_SIZE.require(a));
    }

    /** IPVS_*_ATTR_STATS64 (all u64, kernel 4.1+) when present, else the older STATS (u32 but bytes). */
    static Stats readStats(Attributes a, int stats64Type, int statsType) {
        if (a.has(stats64Type)) {
            Attributes s = a.nested(stats64Type);
            return new Stats(u64(s, IPVS_STATS_ATTR_CONNS), u64(s, IPVS_STATS_ATTR_INPKTS),
                    u64(s, IPVS_STATS_ATTR_OUTPKTS), u64(s, IPVS_STATS_ATTR_INBYTES), u64(s, IPVS_STATS_ATTR_OUTBYTES),
                    u64(s, IPVS_STATS_ATTR_CPS), u64(s, IPVS_STATS_ATTR_INPPS), u64(s, IPVS_STATS_ATTR_OUTPPS),
                    u64(s, IPVS_STATS_ATTR_INBPS), u64(s, IPVS_STATS_ATTR_OUTBPS));
        }
        if (a.has(statsType)) {
            Attributes s = a.nested(statsType);
            return new Stats(u32(s, IPVS_STATS_ATTR_CONNS), u32(s, IPVS_STATS_ATTR_INPKTS),
                    u32(s, IPVS_STATS_ATTR_OUTPKTS), u64(s, IPVS_STATS_ATTR_INBYTES), u64(s, IPVS_STATS_ATTR_OUTBYTES),
                    u32(s, IPVS_STATS_ATTR_CPS), u32(s, IPVS_STATS_ATTR_INPPS), u32(s, IPVS_STATS_ATTR_OUTPPS),
                    u32(s, IPVS_STATS_ATTR_INBPS), u32(s, IPVS_STATS_ATTR_OUTBPS));
        }
        return Stats.ZERO;
    }

    // ---- helpers ----

    /** IPv4: the netmask in network order; IPv6: the prefix length as a number (see SVC_NETMASK). */
    static int encodeNetmask(AddressFamily family, int prefixLength) {
        if (family == AddressFamily.INET6) {
            return prefixLength;
        }
        int mask = prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
        return toWireOrder(mask);
    }

    static int decodeNetmask(AddressFamily family, int raw) {
        if (family == AddressFamily.INET6) {
            if (raw < 0 || raw > 128) {
                throw new MalformedMessageException("IPv6 persistence prefix length " + raw + " out of 0..128");
            }
            return raw;
        }
        int mask = toWireOrder(raw); // the same byte swap turns wire order back into a number
        // A mask set by another tool may be non-contiguous (ipvsadm accepts 255.0.255.0); the API speaks
        // prefix lengths, so such a mask is reported by its number of one bits.
        return Integer.bitCount(mask);
    }

    private static int toWireOrder(int value) {
        return ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? Integer.reverseBytes(value) : value;
    }

    static byte[] flags(int flags, int mask) {
        return ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putInt(flags).putInt(mask).array();
    }

    static byte[] inetAddr(InetAddress address) {
        return Arrays.copyOf(address.getAddress(), NF_INET_ADDR_LENGTH);
    }

    static InetAddress address(AddressFamily family, byte[] raw) {
        int length = family.addressLength();
        if (raw.length < length) {
            throw new MalformedMessageException(family + " address attribute has " + raw.length + " bytes");
        }
        try {
            byte[] bytes = Arrays.copyOf(raw, length);
            // InetAddress.getByAddress turns an IPv4-mapped ::ffff:a.b.c.d into an Inet4Address, which
            // would change the family of an IPv6 service or real server; Inet6Address keeps it IPv6.
            return family == AddressFamily.INET6
                    ? Inet6Address.getByAddress(null, bytes, -1) : InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new MalformedMessageException("bad address bytes: " + e.getMessage());
        }
    }

    private static AddressFamily family(int number) {
        try {
            return AddressFamily.fromNumber(number);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("unknown address family " + number);
        }
    }

    private static Protocol protocol(int number) {
        try {
            return Protocol.fromNumber(number);
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("unknown IP protocol " + number);
        }
    }

    private static Attributes nest(Attributes top, int type, String name) {
        if (!top.has(type)) {
            throw new MalformedMessageException(name + " missing from reply");
        }
        return top.nested(type);
    }

    private static long u64(Attributes s, int type) {
        return s.has(type) ? s.u64(type) : 0;
    }

    private static long u32(Attributes s, int type) {
        return s.has(type) ? Integer.toUnsignedLong(s.u32(type)) : 0;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static Duration seconds(Integer value) {
        return value == null ? Duration.ZERO : Duration.ofSeconds(Integer.toUnsignedLong(value));
    }

    private static boolean allZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
