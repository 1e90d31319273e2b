package io.jlvs.ipvs.internal;

import static io.jlvs.ipvs.internal.IpvsCodecTestMessages.attributeBytes;
import static io.jlvs.ipvs.internal.IpvsCodecTestMessages.hostOrder;
import static io.jlvs.ipvs.internal.IpvsCodecTestMessages.written;
import static io.jlvs.ipvs.internal.IpvsUapi.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.ipvs.AddressFamily;
import io.jlvs.ipvs.ForwardingMethod;
import io.jlvs.ipvs.Persistence;
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
import io.jlvs.ipvs.VirtualService;
import io.jlvs.netlink.Attributes;
import io.jlvs.netlink.MessageWriter;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Hand-checked bytes against the kernel ABI (include/uapi/linux/ip_vs.h; widths and byte order from
 * the policies and ip_vs_genl_fill_* in net/netfilter/ipvs/ip_vs_ctl.c). Netlink's own integers are
 * host order, so expectations for those are built in host order; network-order fields are spelled
 * out byte by byte.
 */
class IpvsCodecWireFormatTest {
    private static final ServiceKey WEB = ServiceKey.tcp(ip("10.0.0.1"), 80);

    // ---- requests ----------------------------------------------------------------------------------

    @Test
    void aTcpServiceKeyIsAfU16ProtocolU16SixteenByteAddressAndBigEndianPort() {
        ByteBuffer expected = hostOrder(44);
        // nla_len, nla_type, payload, padding to 4
        expected.putShort((short) 6).putShort((short) IPVS_SVC_ATTR_AF).putShort((short) 2).putShort((short) 0);
        expected.putShort((short) 6).putShort((short) IPVS_SVC_ATTR_PROTOCOL).putShort((short) 6).putShort((short) 0);
        expected.putShort((short) 20).putShort((short) IPVS_SVC_ATTR_ADDR)
                .put(new byte[] {10, 0, 0, 1}).put(new byte[12]);
        expected.putShort((short) 6).putShort((short) IPVS_SVC_ATTR_PORT)
                .put((byte) 0x00).put((byte) 0x50).putShort((short) 0);

        assertArrayEquals(expected.array(), attributeBytes(w -> IpvsCodec.writeServiceKey(w, WEB)));
    }

    @Test
    void aFirewallMarkKeyIsAfAndHostOrderMarkOnly() {
        ByteBuffer expected = hostOrder(16);
        expected.putShort((short) 6).putShort((short) IPVS_SVC_ATTR_AF).putShort((short) 10).putShort((short) 0);
        expected.putShort((short) 8).putShort((short) IPVS_SVC_ATTR_FWMARK).putInt(0x8000_0001);

        assertArrayEquals(expected.array(),
                attributeBytes(w -> IpvsCodec.writeServiceKey(w, ServiceKey.fwmark(0x8000_0001, AddressFamily.INET6))));
    }

    @Test
    void theServiceKeyTravelsInsideANestedIpvsCmdAttrService() {
        byte[] bytes = attributeBytes(w -> IpvsCodec.writeServiceKeyNest(w, WEB));
        ByteBuffer b = ByteBuffer.wrap(bytes).order(hostOrder(0).order());
        assertEquals(4 + 44, Short.toUnsignedInt(b.getShort(0)), "nla_len of the nest");
        assertEquals(IPVS_CMD_ATTR_SERVICE | 0x8000, Short.toUnsignedInt(b.getShort(2)), "type with NLA_F_NESTED");
        assertEquals(4 + 44, bytes.length);
    }

    @Test
    void anIpv4PersistenceNetmaskOf24BitsIsFfFfFf00OnTheWire() {
        VirtualService s = VirtualService.builder(WEB).persistent(Duration.ofSeconds(300), 24).build();
        Attributes svc = written(w -> IpvsCodec.writeService(w, s)).nested(IPVS_CMD_ATTR_SERVICE);

        assertArrayEquals(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x00}, svc.bytes(IPVS_SVC_ATTR_NETMASK));
    }

    @Test
    void anIpv6PersistencePrefixOf64IsTheHostOrderU32Of64() {
        VirtualService s = VirtualService.builder(ServiceKey.tcp(ip("2001:db8::1"), 443))
                .persistent(Duration.ofSeconds(300), 64).build();
        Attributes svc = written(w -> IpvsCodec.writeService(w, s)).nested(IPVS_CMD_ATTR_SERVICE);

        assertArrayEquals(hostOrder(4).putInt(64).array(), svc.bytes(IPVS_SVC_ATTR_NETMASK));
    }

    @Test
    void aServiceThatIsNotPersistentSendsTimeoutZeroAndTheFullIpv4Netmask() {
        Attributes svc = written(w -> IpvsCodec.writeService(w, VirtualService.builder(WEB).build()))
                .nested(IPVS_CMD_ATTR_SERVICE);

        assertArrayEquals(hostOrder(4).putInt(0).array(), svc.bytes(IPVS_SVC_ATTR_TIMEOUT));
        assertArrayEquals(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}, svc.bytes(IPVS_SVC_ATTR_NETMASK));
    }

    @Test
    void serviceFlagsAreTheStructIpVsFlagsWithAFullMask() {
        VirtualService s = VirtualService.builder(ServiceKey.udp(ip("10.0.0.1"), 53)).scheduler(Scheduler.SH)
                .schedulerFlags(SchedulerFlag.SH_PORT).persistent().onePacket(true).build();
        Attributes svc = written(w -> IpvsCodec.writeService(w, s)).nested(IPVS_CMD_ATTR_SERVICE);

        int flags = IP_VS_SVC_F_PERSISTENT | IP_VS_SVC_F_ONEPACKET | IP_VS_SVC_F_SCHED2;
        assertEquals(0x15, flags, "hand-checked against ip_vs.h");
        assertArrayEquals(hostOrder(8).putInt(flags).putInt(0xffff_ffff).array(), svc.bytes(IPVS_SVC_ATTR_FLAGS));
    }

    @Test
    void aNewServiceRequestCarriesEveryAttributeTheKernelRequiresForAFullService() {
        // ip_vs_genl_parse_service with full_entry: SCHED_NAME, FLAGS, TIMEOUT and NETMASK are required.
        Attributes svc = written(w -> IpvsCodec.writeService(w, VirtualService.builder(WEB).build()))
                .nested(IPVS_CMD_ATTR_SERVICE);

        for (int type : new int[] {IPVS_SVC_ATTR_AF, IPVS_SVC_ATTR_PROTOCOL, IPVS_SVC_ATTR_ADDR, IPVS_SVC_ATTR_PORT,
                IPVS_SVC_ATTR_SCHED_NAME, IPVS_SVC_ATTR_FLAGS, IPVS_SVC_ATTR_TIMEOUT, IPVS_SVC_ATTR_NETMASK}) {
            assertTrue(svc.has(type), "attribute " + type);
        }
        assertFalse(svc.has(IPVS_SVC_ATTR_PE_NAME), "no persistence engine unless one is set");
        assertArrayEquals(new byte[] {'w', 'l', 'c', 0}, svc.bytes(IPVS_SVC_ATTR_SCHED_NAME), "NUL-terminated");
    }

    @Test
    void aTunnelRealServerIsLaidOutAsIpVsGenlParseDestReadsIt() {
        RealServer gue = RealServer.builder(ip("192.168.1.2"), 8080)
                .tunnel(TunnelOptions.gue(6080, TunnelFlag.CSUM)).weight(5).upperThreshold(100).lowerThreshold(10).build();
        Attributes d = written(w -> IpvsCodec.writeRealServer(w, gue)).nested(IPVS_CMD_ATTR_DEST);

        assertArrayEquals(new byte[] {(byte) 192, (byte) 168, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                d.bytes(IPVS_DEST_ATTR_ADDR));
        assertArrayEquals(new byte[] {0x1f, (byte) 0x90}, d.bytes(IPVS_DEST_ATTR_PORT), "8080 big-endian");
        assertArrayEquals(hostOrder(2).putShort((short) 2).array(), d.bytes(IPVS_DEST_ATTR_ADDR_FAMILY));
        assertArrayEquals(hostOrder(4).putInt(IP_VS_CONN_F_TUNNEL).array(), d.bytes(IPVS_DEST_ATTR_FWD_METHOD));
        assertArrayEquals(hostOrder(4).putInt(5).array(), d.bytes(IPVS_DEST_ATTR_WEIGHT));
        assertArrayEquals(hostOrder(4).putInt(100).array(), d.bytes(IPVS_DEST_ATTR_U_THRESH));
        assertArrayEquals(hostOrder(4).putInt(10).array(), d.bytes(IPVS_DEST_ATTR_L_THRESH));
        assertArrayEquals(new byte[] {(byte) IP_VS_CONN_F_TUNNEL_TYPE_GUE}, d.bytes(IPVS_DEST_ATTR_TUN_TYPE), "u8");
        assertArrayEquals(new byte[] {0x17, (byte) 0xc0}, d.bytes(IPVS_DEST_ATTR_TUN_PORT), "6080 big-endian");
        assertArrayEquals(hostOrder(2).putShort((short) IP_VS_TUNNEL_ENCAP_FLAG_CSUM).array(),
                d.bytes(IPVS_DEST_ATTR_TUN_FLAGS));
    }

    @Test
    void aRealServerWithoutTunnelSendsNoTunnelAttributes() {
        RealServer nat = RealServer.builder(ip("192.168.1.2"), 80).masquerade().build();
        Attributes d = written(w -> IpvsCodec.writeRealServer(w, nat)).nested(IPVS_CMD_ATTR_DEST);

        assertArrayEquals(hostOrder(4).putInt(IP_VS_CONN_F_MASQ).array(), d.bytes(IPVS_DEST_ATTR_FWD_METHOD));
        assertFalse(d.has(IPVS_DEST_ATTR_TUN_TYPE));
        assertFalse(d.has(IPVS_DEST_ATTR_TUN_PORT));
        assertFalse(d.has(IPVS_DEST_ATTR_TUN_FLAGS));
    }

    @Test
    void deletingARealServerSendsOnlyAddressPortAndFamily() {
        Attributes d = written(w -> IpvsCodec.writeRealServerAddress(w, new RealServerAddress(ip("2001:db8::2"), 80)))
                .nested(IPVS_CMD_ATTR_DEST);

        assertEquals(3, d.size());
        assertArrayEquals(ip("2001:db8::2").getAddress(), d.bytes(IPVS_DEST_ATTR_ADDR));
        assertArrayEquals(new byte[] {0x00, 0x50}, d.bytes(IPVS_DEST_ATTR_PORT));
        assertArrayEquals(hostOrder(2).putShort((short) 10).array(), d.bytes(IPVS_DEST_ATTR_ADDR_FAMILY));
    }

    @Test
    void theDaemonMulticastPortIsHostOrderUnlikeServicePorts() {
        SyncDaemon d = SyncDaemon.builder(SyncDaemon.State.MASTER, "eth0").syncId(7).syncMaxLength(1472)
                .multicastGroup(ip("239.1.2.3")).multicastPort(8848).multicastTtl(2).build();
        Attributes a = written(w -> IpvsCodec.writeDaemon(w, d)).nested(IPVS_CMD_ATTR_DAEMON);

        assertArrayEquals(hostOrder(2).putShort((short) 8848).array(), a.bytes(IPVS_DAEMON_ATTR_MCAST_PORT),
                "nla_get_u16, host order");
        assertArrayEquals(hostOrder(4).putInt(IP_VS_STATE_MASTER).array(), a.bytes(IPVS_DAEMON_ATTR_STATE));
        assertArrayEquals(new byte[] {'e', 't', 'h', '0', 0}, a.bytes(IPVS_DAEMON_ATTR_MCAST_IFN));
        assertArrayEquals(hostOrder(4).putInt(7).array(), a.bytes(IPVS_DAEMON_ATTR_SYNC_ID));
        assertArrayEquals(hostOrder(2).putShort((short) 1472).array(), a.bytes(IPVS_DAEMON_ATTR_SYNC_MAXLEN));
        assertArrayEquals(new byte[] {(byte) 239, 1, 2, 3}, a.bytes(IPVS_DAEMON_ATTR_MCAST_GROUP), "struct in_addr");
        assertArrayEquals(new byte[] {2}, a.bytes(IPVS_DAEMON_ATTR_MCAST_TTL), "u8");
        assertFalse(a.has(IPVS_DAEMON_ATTR_MCAST_GROUP6));
    }

    @Test
    void anIpv6DaemonGroupGoesInMcastGroup6() {
        SyncDaemon d = SyncDaemon.builder(SyncDaemon.State.BACKUP, "eth1").multicastGroup(ip("ff02::81")).build();
        Attributes a = written(w -> IpvsCodec.writeDaemon(w, d)).nested(IPVS_CMD_ATTR_DAEMON);

        assertArrayEquals(ip("ff02::81").getAddress(), a.bytes(IPVS_DAEMON_ATTR_MCAST_GROUP6));
        assertFalse(a.has(IPVS_DAEMON_ATTR_MCAST_GROUP));
        assertFalse(a.has(IPVS_DAEMON_ATTR_MCAST_PORT), "0 means the kernel's default and is not sent");
    }

    @Test
    void timeoutsAreThreeTopLevelU32Seconds() {
        byte[] expected = hostOrder(24)
                .putShort((short) 8).putShort((short) IPVS_CMD_ATTR_TIMEOUT_TCP).putInt(900)
                .putShort((short) 8).putShort((short) IPVS_CMD_ATTR_TIMEOUT_TCP_FIN).putInt(120)
                .putShort((short) 8).putShort((short) IPVS_CMD_ATTR_TIMEOUT_UDP).putInt(300)
                .array();

        assertArrayEquals(expected, attributeBytes(w -> IpvsCodec.writeTimeouts(w, Timeouts.ofSeconds(900, 120, 300))));
    }

    // ---- replies -----------------------------------------------------------------------------------

    @Test
    void aServiceReplyCarriesHashedWhichIsNotPartOfTheServiceReadBack() {
        ServiceEntry e = new ServiceEntry(VirtualService.builder(WEB).build(), Stats.ZERO);
        Attributes svc = written(w -> IpvsCodec.writeServiceEntry(w, e)).nested(IPVS_CMD_ATTR_SERVICE);

        assertArrayEquals(hostOrder(8).putInt(IP_VS_SVC_F_HASHED).putInt(0xffff_ffff).array(), svc.bytes(IPVS_SVC_ATTR_FLAGS));
        assertTrue(svc.has(IPVS_SVC_ATTR_STATS));
        assertTrue(svc.has(IPVS_SVC_ATTR_STATS64));
        assertEquals(e, IpvsCodec.readServiceEntry(written(w -> IpvsCodec.writeServiceEntry(w, e))));
    }

    @Test
    void aReplyFromAKernelBefore41WithOnlyTheOldStatsReadsU32CountersUnsigned() {
        Attributes reply = written(w -> {
            int svc = w.beginNested(IPVS_CMD_ATTR_SERVICE);
            IpvsCodec.writeServiceKey(w, WEB);
            IpvsCodec.SVC_SCHED_NAME.write(w, "wlc");
            IpvsCodec.SVC_FLAGS.write(w, IpvsCodec.flags(IP_VS_SVC_F_HASHED, 0xffff_ffff));
            IpvsCodec.SVC_TIMEOUT.write(w, 0);
            IpvsCodec.SVC_NETMASK.write(w, 0xffff_ffff);
            int stats = w.beginNested(IPVS_SVC_ATTR_STATS);
            w.putU32(IPVS_STATS_ATTR_CONNS, 0xffff_ffff);
            w.putU32(IPVS_STATS_ATTR_INPKTS, 2);
            w.putU32(IPVS_STATS_ATTR_OUTPKTS, 3);
            w.putU64(IPVS_STATS_ATTR_INBYTES, 1L << 40);
            w.putU64(IPVS_STATS_ATTR_OUTBYTES, 5);
            w.putU32(IPVS_STATS_ATTR_CPS, 6);
            w.putU32(IPVS_STATS_ATTR_INPPS, 7);
            w.putU32(IPVS_STATS_ATTR_OUTPPS, 8);
            w.putU32(IPVS_STATS_ATTR_INBPS, 9);
            w.putU32(IPVS_STATS_ATTR_OUTBPS, 10);
            w.endNested(stats);
            w.endNested(svc);
        });

        assertEquals(new Stats(0xffff_ffffL, 2, 3, 1L << 40, 5, 6, 7, 8, 9, 10), IpvsCodec.readServiceEntry(reply).stats());
    }

    @Test
    void aNonContiguousIpv4NetmaskSetByAnotherToolReadsAsItsNumberOfOneBits() {
        Attributes reply = serviceReply(WEB, IP_VS_SVC_F_PERSISTENT, 300,
                ByteBuffer.wrap(new byte[] {(byte) 255, 0, (byte) 255, 0}).order(hostOrder(0).order()).getInt());

        assertEquals(Optional.of(new Persistence(Duration.ofSeconds(300), 16)),
                IpvsCodec.readServiceEntry(reply).service().persistence());
    }

    @Test
    void anIpv6PrefixLengthIsReadFromAHostOrderU32() {
        Attributes reply = serviceReply(ServiceKey.tcp(ip("2001:db8::1"), 443), IP_VS_SVC_F_PERSISTENT, 60, 48);

        assertEquals(Optional.of(new Persistence(Duration.ofSeconds(60), 48)),
                IpvsCodec.readServiceEntry(reply).service().persistence());
    }

    @Test
    void aPersistenceTimeoutAbove2To31SecondsReadsUnsigned() {
        Attributes reply = serviceReply(WEB, IP_VS_SVC_F_PERSISTENT, 0xffff_fff0, 0xffff_ffff);

        assertEquals(Duration.ofSeconds(0xffff_fff0L),
                IpvsCodec.readServiceEntry(reply).service().persistence().orElseThrow().timeout());
    }

    @Test
    void aRealServerReplyWithoutAddrFamilyTakesTheServiceFamily() {
        // Kernels before 3.18 had no IPVS_DEST_ATTR_ADDR_FAMILY; the real server is then of the service's family.
        Attributes reply = written(w -> {
            int d = w.beginNested(IPVS_CMD_ATTR_DEST);
            IpvsCodec.DEST_ADDR.write(w, ip("2001:db8::2").getAddress());
            IpvsCodec.DEST_PORT.write(w, 80);
            IpvsCodec.DEST_FWD_METHOD.write(w, IP_VS_CONN_F_DROUTE);
            IpvsCodec.DEST_WEIGHT.write(w, 3);
            IpvsCodec.DEST_U_THRESH.write(w, 0);
            IpvsCodec.DEST_L_THRESH.write(w, 0);
            IpvsCodec.DEST_ACTIVE_CONNS.write(w, 4);
            w.endNested(d);
        });

        RealServerEntry e = IpvsCodec.readRealServerEntry(reply, AddressFamily.INET6);
        assertEquals(RealServer.builder(ip("2001:db8::2"), 80).weight(3).build(), e.server());
        assertEquals(4, e.activeConnections());
        assertEquals(Stats.ZERO, e.stats());
    }

    @Test
    void anIpv4MappedIpv6ServiceStaysIpv6WhenReadBack() {
        ServiceKey mapped = ServiceKey.tcp(mapped(10, 0, 0, 1), 80);
        assertEquals(AddressFamily.INET6, mapped.family(), "precondition: the key is IPv6");

        ServiceKey read = IpvsCodec.readServiceEntry(serviceReply(mapped, 0, 0, 128)).key();
        assertEquals(mapped, read);
        assertEquals(AddressFamily.INET6, read.family());
    }

    @Test
    void anIpv4MappedIpv6RealServerStaysIpv6WhenReadBack() {
        RealServer mapped = RealServer.builder(mapped(192, 168, 1, 2), 80).forwarding(ForwardingMethod.TUNNEL).build();
        RealServerEntry e = new RealServerEntry(mapped, 0, 0, 0, Stats.ZERO);

        assertEquals(e, IpvsCodec.readRealServerEntry(written(w -> IpvsCodec.writeRealServerEntry(w, e)), AddressFamily.INET));
    }

    // ---- helpers -----------------------------------------------------------------------------------

    /** A service reply with the given raw flags, timeout and netmask words, no stats. */
    private static Attributes serviceReply(ServiceKey key, int flags, int timeout, int rawNetmask) {
        return written(service(key, flags, timeout, rawNetmask));
    }

    private static Consumer<MessageWriter> service(ServiceKey key, int flags, int timeout, int rawNetmask) {
        return w -> {
            int svc = w.beginNested(IPVS_CMD_ATTR_SERVICE);
            IpvsCodec.writeServiceKey(w, key);
            IpvsCodec.SVC_SCHED_NAME.write(w, "rr");
            IpvsCodec.SVC_FLAGS.write(w, IpvsCodec.flags(flags | IP_VS_SVC_F_HASHED, 0xffff_ffff));
            IpvsCodec.SVC_TIMEOUT.write(w, timeout);
            IpvsCodec.SVC_NETMASK.write(w, rawNetmask);
            w.endNested(svc);
        };
    }

    /** ::ffff:a.b.c.d as an Inet6Address (InetAddress.getByName would give an Inet4Address). */
    static InetAddress mapped(int a, int b, int c, int d) {
        byte[] bytes = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) a, (byte) b, (byte) c, (byte) d};
        try {
            return Inet6Address.getByAddress(null, bytes, -1);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
