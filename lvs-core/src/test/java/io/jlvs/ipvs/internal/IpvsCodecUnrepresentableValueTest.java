package io.jlvs.ipvs.internal;

import static io.jlvs.ipvs.internal.IpvsCodecTestMessages.attributeBytes;
import static io.jlvs.ipvs.internal.IpvsCodecTestMessages.hostOrder;
import static io.jlvs.ipvs.internal.IpvsCodecTestMessages.written;
import static io.jlvs.ipvs.internal.IpvsUapi.*;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.jlvs.ipvs.AddressFamily;
import io.jlvs.ipvs.IpvsInfo;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerEntry;
import io.jlvs.ipvs.ServiceEntry;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.Stats;
import io.jlvs.ipvs.SyncDaemon;
import io.jlvs.ipvs.Timeouts;
import io.jlvs.ipvs.TunnelOptions;
import io.jlvs.ipvs.VirtualService;
import io.jlvs.netlink.Attributes;
import io.jlvs.netlink.MalformedMessageException;
import io.jlvs.netlink.MessageWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kernel bytes that are well-formed netlink but hold a value the model refuses (another tool's
 * settings, a newer kernel's enum value, garbage) are a malformed reply, MalformedMessageException,
 * never the value type's IllegalArgumentException: the client turns only the former into
 * ProtocolException. Each case starts from a valid reply and overrides one attribute (the last
 * occurrence of an attribute wins, as in the kernel's nla_parse and in {@link Attributes}).
 */
class IpvsCodecUnrepresentableValueTest {
    private static final ServiceKey WEB = ServiceKey.tcp(ip("10.0.0.1"), 80);
    private static final ServiceKey WEB6 = ServiceKey.tcp(ip("2001:db8::1"), 80);
    private static final VirtualService PERSISTENT = VirtualService.builder(WEB).persistent().build();
    private static final VirtualService PERSISTENT6 = VirtualService.builder(WEB6).persistent().build();
    private static final RealServer TUNNEL = RealServer.builder(ip("10.0.0.2"), 80).tunnel(TunnelOptions.IPIP).build();
    private static final RealServer GUE = RealServer.builder(ip("10.0.0.2"), 80).tunnel(TunnelOptions.gue(6080)).build();
    private static final RealServer ROUTE = RealServer.builder(ip("10.0.0.2"), 80).upperThreshold(100).build();
    private static final SyncDaemon DAEMON = SyncDaemon.master("eth0", 1);

    @ParameterizedTest
    @MethodSource("unrepresentable")
    void isAMalformedReply(Function<Attributes, ?> decoder, Attributes reply) {
        MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> decoder.apply(reply));
        assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "says what could not be read");
    }

    @ParameterizedTest
    @MethodSource("baselines")
    void theUnmodifiedRepliesTheCasesStartFromAreReadable(Function<Attributes, ?> decoder, Attributes reply) {
        assertDoesNotThrow(() -> decoder.apply(reply));
    }

    static Stream<Arguments> baselines() {
        return Stream.of(
                arguments("service", SERVICE, service(PERSISTENT, w -> { })),
                arguments("IPv6 service", SERVICE, service(PERSISTENT6, w -> { })),
                arguments("tunnel real server", REAL_SERVER, realServer(TUNNEL, w -> { })),
                arguments("gue real server", REAL_SERVER, realServer(GUE, w -> { })),
                arguments("route real server", REAL_SERVER, realServer(ROUTE, w -> { })),
                arguments("daemon", DAEMON_DECODER, daemon(w -> { })),
                arguments("timeouts", TIMEOUTS, topLevel(w -> IpvsCodec.writeTimeouts(w, Timeouts.ofSeconds(900, 120, 300)))),
                arguments("info", INFO, topLevel(w -> IpvsCodec.writeInfo(w, new IpvsInfo(IP_VS_VERSION_CODE, 4096)))));
    }

    static Stream<Arguments> unrepresentable() {
        return Stream.of(
                arguments("scheduler name with upper case and '-'", SERVICE,
                        service(PERSISTENT, w -> IpvsCodec.SVC_SCHED_NAME.write(w, "Not-A-Module"))),
                arguments("empty scheduler name", SERVICE, service(PERSISTENT, w -> IpvsCodec.SVC_SCHED_NAME.write(w, ""))),
                arguments("persistence engine name with '/'", SERVICE,
                        service(PERSISTENT, w -> IpvsCodec.SVC_PE_NAME.write(w, "../sip"))),
                arguments("persistent with timeout 0", SERVICE, service(PERSISTENT, w -> IpvsCodec.SVC_TIMEOUT.write(w, 0))),
                arguments("IPv6 persistent with prefix 0", SERVICE, service(PERSISTENT6, w -> IpvsCodec.SVC_NETMASK.write(w, 0))),
                arguments("IPv6 persistent with prefix 129", SERVICE,
                        service(PERSISTENT6, w -> IpvsCodec.SVC_NETMASK.write(w, 129))),
                arguments("forwarding method IP_VS_CONN_F_BYPASS", REAL_SERVER,
                        realServer(ROUTE, w -> IpvsCodec.DEST_FWD_METHOD.write(w, IP_VS_CONN_F_BYPASS))),
                arguments("tunnel type 3 (a newer kernel's)", REAL_SERVER,
                        realServer(TUNNEL, w -> IpvsCodec.DEST_TUN_TYPE.write(w, IP_VS_CONN_F_TUNNEL_TYPE_MAX))),
                arguments("unknown tunnel flag bit", REAL_SERVER,
                        realServer(GUE, w -> IpvsCodec.DEST_TUN_FLAGS.write(w, 0x4))),
                arguments("GUE tunnel without a port", REAL_SERVER, realServer(GUE, w -> IpvsCodec.DEST_TUN_PORT.write(w, 0))),
                arguments("negative weight", REAL_SERVER, realServer(ROUTE, w -> IpvsCodec.DEST_WEIGHT.write(w, -1))),
                arguments("upper threshold above Integer.MAX_VALUE", REAL_SERVER,
                        realServer(ROUTE, w -> IpvsCodec.DEST_U_THRESH.write(w, 0x8000_0000))),
                arguments("lower threshold above upper", REAL_SERVER,
                        realServer(ROUTE, w -> IpvsCodec.DEST_L_THRESH.write(w, 101))),
                arguments("unknown address family", REAL_SERVER,
                        realServer(ROUTE, w -> IpvsCodec.DEST_ADDR_FAMILY.write(w, 7))),
                arguments("daemon state IP_VS_STATE_NONE", DAEMON_DECODER,
                        daemon(w -> IpvsCodec.DAEMON_STATE.write(w, IP_VS_STATE_NONE))),
                arguments("empty daemon interface name", DAEMON_DECODER, daemon(w -> IpvsCodec.DAEMON_MCAST_IFN.write(w, ""))),
                arguments("daemon sync id 256", DAEMON_DECODER, daemon(w -> IpvsCodec.DAEMON_SYNC_ID.write(w, 256))),
                arguments("daemon group that is not multicast", DAEMON_DECODER,
                        daemon(w -> IpvsCodec.DAEMON_MCAST_GROUP.write(w, new byte[] {10, 0, 0, 1}))),
                arguments("tcp timeout above Integer.MAX_VALUE seconds", TIMEOUTS, topLevel(w -> {
                    IpvsCodec.writeTimeouts(w, Timeouts.ofSeconds(900, 120, 300));
                    IpvsCodec.TIMEOUT_TCP.write(w, 0x8000_0000);
                })),
                arguments("version above 0xffffff", INFO, topLevel(w -> {
                    IpvsCodec.writeInfo(w, new IpvsInfo(IP_VS_VERSION_CODE, 4096));
                    IpvsCodec.INFO_VERSION.write(w, 0x0100_0000);
                })),
                arguments("negative connection table size", INFO, topLevel(w -> {
                    IpvsCodec.writeInfo(w, new IpvsInfo(IP_VS_VERSION_CODE, 4096));
                    IpvsCodec.INFO_CONN_TAB_SIZE.write(w, -1);
                })));
    }

    // ---- decoders and replies ----------------------------------------------------------------------

    private static final Function<Attributes, ServiceEntry> SERVICE = IpvsCodec::readServiceEntry;
    private static final Function<Attributes, RealServerEntry> REAL_SERVER =
            a -> IpvsCodec.readRealServerEntry(a, AddressFamily.INET);
    private static final Function<Attributes, SyncDaemon> DAEMON_DECODER = IpvsCodec::readDaemon;
    private static final Function<Attributes, Timeouts> TIMEOUTS = IpvsCodec::readTimeouts;
    private static final Function<Attributes, IpvsInfo> INFO = IpvsCodec::readInfo;

    private static Arguments arguments(String name, Function<Attributes, ?> decoder, Attributes reply) {
        return Arguments.of(Named.of(name, decoder), reply);
    }

    private static Attributes service(VirtualService s, Consumer<MessageWriter> override) {
        return overridden(IPVS_CMD_ATTR_SERVICE, w -> IpvsCodec.writeServiceEntry(w, new ServiceEntry(s, Stats.ZERO)), override);
    }

    private static Attributes realServer(RealServer r, Consumer<MessageWriter> override) {
        return overridden(IPVS_CMD_ATTR_DEST,
                w -> IpvsCodec.writeRealServerEntry(w, new RealServerEntry(r, 0, 0, 0, Stats.ZERO)), override);
    }

    private static Attributes daemon(Consumer<MessageWriter> override) {
        return overridden(IPVS_CMD_ATTR_DAEMON, w -> IpvsCodec.writeDaemon(w, DAEMON), override);
    }

    private static Attributes topLevel(Consumer<MessageWriter> body) {
        return written(body);
    }

    /** The nest {@code valid} writes, with {@code override}'s attributes appended inside it. */
    private static Attributes overridden(int nestType, Consumer<MessageWriter> valid, Consumer<MessageWriter> override) {
        byte[] region = attributeBytes(valid);
        ByteBuffer b = ByteBuffer.wrap(region).order(hostOrder(0).order());
        int nestLength = Short.toUnsignedInt(b.getShort(0));
        byte[] inner = Arrays.copyOfRange(region, 4, nestLength);
        return written(w -> {
            int nest = w.beginNested(nestType);
            w.putRaw(inner);
            override.accept(w);
            w.endNested(nest);
        });
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
