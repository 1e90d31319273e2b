package io.jlvs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlvs.ipvs.Protocol;
import io.jlvs.ipvs.Scheduler;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Writing any valid configuration as lvs.cf and reading it back gives the same configuration. */
class LvsCfRoundTripPropertyTest {

    @Property(tries = 300)
    void writeThenParseGivesTheConfigurationBack(@ForAll("configurations") Configuration config) throws Exception {
        String text = LvsCf.write(config);
        Configuration back = LvsCf.parse(config.source(), text).configuration();
        assertEquals(withoutLines(config), withoutLines(back), text);
        assertEquals(text, LvsCf.write(back), "writing is stable");
    }

    @Property(tries = 200)
    void quotedValuesSurviveWhateverTheirCharacters(@ForAll("values") String value) throws Exception {
        // send must also be a valid check setting now (a lone backslash is refused on load).
        net.jqwik.api.Assume.that(validSend(value));
        String text = "virtual v {\n address = 10.0.0.1\n port = 80\n send = "
                + io.jlvs.config.internal.LvsCfWriterAccess.quote(value) + "\n}\n";
        assertEquals(Optional.of(value), LvsCf.parse("lvs.cf", text).configuration().virtualServers().get(0)
                .health().send(), text);
    }

    private static boolean validSend(String value) {
        try {
            io.jlvs.health.HealthChecks.fromSettings(java.util.Map.of("type", "tcp", "send", value));
            return true;
        } catch (io.jlvs.health.InvalidHealthCheckException e) {
            return false;
        }
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.strings().withChars("ab #\"\\rn=}{'").ofMaxLength(12);
    }

    static InetAddress ip(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static InetAddress ip6(int last) {
        byte[] b = new byte[16];
        b[0] = 0x20;
        b[1] = 0x01;
        b[2] = 0x0d;
        b[3] = (byte) 0xb8;
        b[14] = (byte) (last >> 8);
        b[15] = (byte) last;
        try {
            return InetAddress.getByAddress(null, b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Provide
    Arbitrary<Configuration> configurations() {
        Arbitrary<ClusterSettings> cluster = Combinators.combine(
                Arbitraries.longs().between(0, Long.MAX_VALUE),
                Arbitraries.of(NetworkMode.values()),
                Arbitraries.integers().between(1, 60),
                Arbitraries.integers().between(0, 32),
                Arbitraries.of(true, false),
                Arbitraries.integers().between(1, 255),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).injectNull(0.5))
                .as((serial, network, keepalive, natPrefix, flag, priority, iface) -> {
                    return new ClusterSettings(serial, Optional.of(ip(192, 0, 2, 1)), Optional.empty(),
                            flag ? Optional.of(ip(192, 0, 2, 2)) : Optional.empty(), Optional.empty(), flag, "lvs",
                            true, 539, Duration.ofSeconds(keepalive), Duration.ofSeconds(keepalive * 3L), network,
                            Optional.of(new InterfaceAddress(ip(10, 0, 0, 254), Optional.of("eth1:1"))), natPrefix,
                            "NONE", flag, Optional.ofNullable(iface), 0, false,
                            flag ? Optional.of(Path.of("/etc/jlvs/key with space")) : Optional.empty(), priority,
                            !flag, Duration.ofMillis(flag ? 1500 : 0), !flag && keepalive % 2 == 0, flag,
                            flag ? Optional.of("nobody nogroup") : Optional.empty(), flag ? scripts() : RoleScripts.none());
                });
        Arbitrary<List<VirtualServerConfig>> virtuals = Arbitraries.integers().between(0, 4).flatMap(n ->
                virtual().list().ofSize(n).map(LvsCfRoundTripPropertyTest::distinct));
        return Combinators.combine(cluster, virtuals).as((c, v) -> new Configuration("lvs.cf", c, v));
    }

    /** Gives each virtual server its own name and port, so the list is a valid file. */
    static List<VirtualServerConfig> distinct(List<VirtualServerConfig> list) {
        List<VirtualServerConfig> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            VirtualServerConfig v = list.get(i);
            out.add(new VirtualServerConfig("v" + i, 0, v.active(), v.address(), v.vipNetmaskPrefix(), 1000 + i,
                    v.protocol(), v.fwmark() == 0 ? 0 : v.fwmark() % 1000 * 10 + i + 1, v.persistent(), v.persistenceNetmaskPrefix(),
                    v.scheduler(), v.quiesceServer(), v.sorryServer(), v.forward(), v.slowStart(), options(v, i),
                    v.health(), v.realServers()));
        }
        return out;
    }

    /** Valid scheduling options, varied by position: flags of the scheduler, one-packet for UDP, tunnel types. */
    static ServiceOptions options(VirtualServerConfig v, int i) {
        java.util.Set<io.jlvs.ipvs.SchedulerFlag> flags = switch (v.scheduler().name()) {
            case "sh" -> i % 2 == 0 ? java.util.Set.of(io.jlvs.ipvs.SchedulerFlag.SH_PORT) : java.util.Set.of();
            case "mh" -> java.util.Set.of(io.jlvs.ipvs.SchedulerFlag.MH_FALLBACK, io.jlvs.ipvs.SchedulerFlag.MH_PORT);
            default -> java.util.Set.of();
        };
        Optional<io.jlvs.ipvs.TunnelOptions> tunnel = v.forward().equals(Optional.of(NetworkMode.TUNNEL))
                ? Optional.of(i % 2 == 0 ? io.jlvs.ipvs.TunnelOptions.gue(6080 + i, io.jlvs.ipvs.TunnelFlag.REMCSUM)
                        : io.jlvs.ipvs.TunnelOptions.gre())
                : Optional.empty();
        return new ServiceOptions(flags, v.protocol() == Protocol.UDP && i % 2 == 1, tunnel);
    }

    static Arbitrary<VirtualServerConfig> virtual() {
        Arbitrary<Boolean> v6 = Arbitraries.of(true, false);
        return v6.flatMap(ipv6 -> {
            int max = ipv6 ? 128 : 32;
            Arbitrary<InterfaceAddress> address = Arbitraries.of(Optional.of("eth0:1"), Optional.of("eth0"),
                    Optional.<String>empty()).map(dev -> new InterfaceAddress(ipv6 ? ip6(0x80) : ip(10, 23, 8, 80), dev));
            Arbitrary<List<RealServerConfig>> servers = Combinators.combine(
                    Arbitraries.integers().between(0, 65535), Arbitraries.integers().between(0, 65535),
                    Arbitraries.of(true, false))
                    .as((port, weight, active) -> new int[] {port, weight, active ? 1 : 0})
                    .list().ofMaxSize(4).map(specs -> {
                        List<RealServerConfig> out = new ArrayList<>();
                        for (int i = 0; i < specs.size(); i++) {
                            int[] s = specs.get(i);
                            int upper = s[1] % 3 == 0 ? s[1] : 0;
                            Optional<Boolean> quiesce = switch (s[0] % 3) {
                                case 0 -> Optional.empty();
                                case 1 -> Optional.of(true);
                                default -> Optional.of(false);
                            };
                            out.add(new RealServerConfig("rs" + i, 0, ipv6 ? ip6(i + 1) : ip(10, 11, 12, i + 1), s[0],
                                    s[2] == 1, s[1], upper, upper / 2, java.util.Map.of(), quiesce));
                        }
                        return out;
                    });
            Arbitrary<HealthCheckConfig> health = Combinators.combine(
                    // Valid check settings only: the check is built on load (escapes \\r \\n, http paths).
                    Arbitraries.strings().withChars("GET /rn\"#x").ofMaxLength(10).map(x -> x + "\\r\\n").injectNull(0.3),
                    Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6).injectNull(0.3),
                    Arbitraries.of(true, false),
                    Arbitraries.integers().between(1, 600),
                    Arbitraries.integers().between(1, 5),
                    Arbitraries.strings().withChars("/abc").ofMaxLength(8).map(x -> "/" + x).injectNull(0.5))
                    .as((sendIn, expectIn, regex, secs, rise, path) -> {
                        String send = path == null ? sendIn : null;
                        String expect = path == null ? expectIn : null;
                        Map<String, String> settings = new LinkedHashMap<>();
                        if (send != null) {
                            settings.put("send", send);
                        }
                        if (expect != null) {
                            settings.put("expect", expect);
                        }
                        settings.put("use_regex", regex ? "1" : "0");
                        settings.put("timeout", Integer.toString(secs));
                        settings.put("reentry", Integer.toString(secs * 2));
                        if (path != null) {
                            settings.put("check_type", "http");
                            settings.put("check_path", path);
                        }
                        return new HealthCheckConfig(Optional.ofNullable(send), Optional.ofNullable(expect), regex,
                                Optional.empty(), Duration.ofSeconds(secs), Duration.ofSeconds(secs * 2L), "none",
                                rise, rise + 1, settings);
                    });
            return Combinators.combine(
                    address,
                    Arbitraries.integers().between(ipv6 ? 1 : 0, max),
                    Arbitraries.of(Protocol.TCP, Protocol.UDP, Protocol.SCTP),
                    Arbitraries.longs().between(0, 0xFFFF_FF00L),
                    Arbitraries.integers().between(0, 3600),
                    Arbitraries.of("wlc", "rr", "sh", "mh", "fo"),
                    Arbitraries.of(Optional.<NetworkMode>empty(), Optional.of(NetworkMode.DIRECT), Optional.of(NetworkMode.TUNNEL)),
                    Combinators.combine(servers, health, Arbitraries.of(true, false)).as(List::of))
                    .as((addr, prefix, proto, mark, persist, sched, fwd, rest) -> {
                        @SuppressWarnings("unchecked")
                        List<RealServerConfig> rs = (List<RealServerConfig>) rest.get(0);
                        HealthCheckConfig h = (HealthCheckConfig) rest.get(1);
                        boolean flag = (Boolean) rest.get(2);
                        return new VirtualServerConfig("v", 0, flag, addr, prefix, 1000, proto, mark,
                                persist == 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(persist)), prefix,
                                Scheduler.of(sched), !flag,
                                flag ? Optional.of(new RealServerConfig("sorry_server", 0, addr.address(), 8080, true, 1))
                                        : Optional.empty(),
                                fwd, Duration.ofSeconds(persist % 60), h, rs);
                    });
        });
    }

    /** The configuration with every line number 0: what a file position cannot carry over. */
    static Configuration withoutLines(Configuration c) {
        List<VirtualServerConfig> vs = new ArrayList<>();
        for (VirtualServerConfig v : c.virtualServers()) {
            vs.add(new VirtualServerConfig(v.name(), 0, v.active(), v.address(), v.vipNetmaskPrefix(), v.port(),
                    v.protocol(), v.fwmark(), v.persistent(), v.persistenceNetmaskPrefix(), v.scheduler(),
                    v.quiesceServer(), v.sorryServer().map(LvsCfRoundTripPropertyTest::withoutLine), v.forward(),
                    v.slowStart(), v.health(), v.realServers().stream().map(LvsCfRoundTripPropertyTest::withoutLine).toList()));
        }
        return new Configuration(c.source(), c.cluster(), vs);
    }

    static RealServerConfig withoutLine(RealServerConfig s) {
        return new RealServerConfig(s.name(), 0, s.address(), s.port(), s.active(), s.weight(), s.upperThreshold(),
                s.lowerThreshold(), s.checkSettings(), s.quiesceServer());
    }

    private static RoleScripts scripts() {
        return new RoleScripts(Optional.of("/usr/local/bin/vip-up \"a b\" 'c d'"), Optional.of("/bin/true"),
                Optional.of("/bin/true master"), Optional.empty(), Optional.of("/bin/true fault"), Optional.empty(),
                Optional.of("/usr/bin/logger -t jlvs"), Duration.ofSeconds(5), Optional.of("/usr/bin/pidof nginx"),
                Duration.ofMillis(1500), Duration.ofSeconds(1), 2, 3);
    }
}
