package io.jlvs.ipvs;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.domains.DomainContextBase;

/**
 * jqwik arbitraries for every IPVS value type, for codec round-trip and other properties.
 *
 * <p>Two ways to use it:
 * <ul>
 *   <li>as a domain: {@code @Property @Domain(IpvsArbitraries.class) void p(@ForAll VirtualService s)};
 *       add {@code @Domain(DomainContext.Global.class)} too if the property also needs jqwik's
 *       default arbitraries (ints, strings, ...);
 *   <li>through the static methods, e.g. {@code IpvsArbitraries.realServers(AddressFamily.INET6)},
 *       from a {@code @Provide} method of your own.
 * </ul>
 *
 * <p>Coverage, checked by {@code IpvsArbitrariesProperties}: both families (IPv4-mapped IPv6
 * addresses included), address and fwmark keys (marks above 2^31 included), every protocol, every
 * known scheduler plus "none" and out-of-tree names, every scheduler flag, persistence with
 * non-default netmasks, persistence engines, every forwarding method, every tunnel type and flag,
 * real servers of the other family than their service (TUNNEL), thresholds, sync daemons with
 * IPv4 and IPv6 groups.
 */
public class IpvsArbitraries extends DomainContextBase {

    // ---- addresses and ports ----------------------------------------------------------------

    /** Any IPv4 address, with 0.0.0.0, 127.0.0.1 and 255.255.255.255 as edge cases. */
    public static Arbitrary<InetAddress> ipv4Addresses() {
        return Arbitraries.bytes().array(byte[].class).ofSize(4)
                .map(IpvsArbitraries::address)
                .edgeCases(c -> c.add(address(new byte[4]))
                        .add(address(new byte[] {127, 0, 0, 1}))
                        .add(address(new byte[] {-1, -1, -1, -1})));
    }

    /** Any IPv6 address, often in 2001:db8::/32 or fe80::/64, sometimes IPv4-mapped (kept as Inet6Address). */
    public static Arbitrary<InetAddress> ipv6Addresses() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofSize(16);
        Arbitrary<byte[]> documentation = random.map(b -> withPrefix(b, 0x20, 0x01, 0x0d, 0xb8));
        Arbitrary<byte[]> linkLocal = random.map(b -> withPrefix(b, 0xfe, 0x80, 0, 0, 0, 0, 0, 0));
        Arbitrary<byte[]> mapped = random.map(b -> withPrefix(b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff));
        Arbitrary<byte[]> sparse = random.map(b -> {
            for (int i = 2; i < 14; i++) {
                b[i] = 0;
            }
            return b;
        });
        return Arbitraries.frequencyOf(
                        Tuple.of(4, random), Tuple.of(3, documentation),
                        Tuple.of(1, linkLocal), Tuple.of(1, mapped),
                        Tuple.of(2, sparse))
                .map(IpvsArbitraries::address);
    }

    public static Arbitrary<InetAddress> addresses(AddressFamily family) {
        return family == AddressFamily.INET ? ipv4Addresses() : ipv6Addresses();
    }

    public static Arbitrary<InetAddress> addresses() {
        return Arbitraries.oneOf(ipv4Addresses(), ipv6Addresses());
    }

    /** 0..65535, with 0, 80 and 65535 as edge cases. */
    public static Arbitrary<Integer> ports() {
        return Arbitraries.integers().between(0, 0xFFFF).edgeCases(c -> c.add(80));
    }

    // ---- services ------------------------------------------------------------------------------

    /** Address keys of both families and every protocol, and fwmark keys (any non-zero u32). */
    public static Arbitrary<ServiceKey> serviceKeys() {
        return Arbitraries.oneOf(serviceKeys(AddressFamily.INET), serviceKeys(AddressFamily.INET6));
    }

    public static Arbitrary<ServiceKey> serviceKeys(AddressFamily family) {
        Arbitrary<ServiceKey> byAddress = Combinators.combine(
                        Arbitraries.of(Protocol.class), addresses(family), ports())
                .as(ServiceKey.Address::new);
        Arbitrary<ServiceKey> byMark = Arbitraries.integers().filter(m -> m != 0)
                .edgeCases(c -> c.add(1).add(-1).add(Integer.MIN_VALUE))
                .map(m -> new ServiceKey.Fwmark(m, family));
        return Arbitraries.frequencyOf(Tuple.of(3, byAddress), Tuple.of(1, byMark));
    }

    /** Every known scheduler, "none", and well-formed out-of-tree names. */
    public static Arbitrary<Scheduler> schedulers() {
        List<Scheduler> fixed = new ArrayList<>(Scheduler.known());
        fixed.add(Scheduler.NONE);
        Arbitrary<Scheduler> custom = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789_")
                .ofMinLength(1).ofMaxLength(15).map(Scheduler::of);
        return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(fixed)),
                Tuple.of(1, custom));
    }

    /** Any set of flags allowed with {@code scheduler} (generic ones included; the model canonicalises). */
    public static Arbitrary<Set<SchedulerFlag>> schedulerFlags(Scheduler scheduler) {
        List<SchedulerFlag> allowed = new ArrayList<>();
        for (SchedulerFlag f : SchedulerFlag.values()) {
            if (f.scheduler().map(scheduler::equals).orElse(true)) {
                allowed.add(f);
            }
        }
        return Arbitraries.subsetOf(allowed);
    }

    /** Timeouts 1 s .. u32 max, prefix lengths valid for the family (0..32, 1..128). */
    public static Arbitrary<Persistence> persistence(AddressFamily family) {
        Arbitrary<Long> timeouts = Arbitraries.longs().between(1, 0xFFFF_FFFFL).edgeCases(c -> c.add(300L));
        int min = family == AddressFamily.INET6 ? 1 : 0;
        Arbitrary<Integer> prefixes = Arbitraries.integers().between(min, family.maxPrefixLength());
        return Combinators.combine(timeouts, prefixes).as((seconds, prefix) -> new Persistence(Duration.ofSeconds(seconds), prefix));
    }

    public static Arbitrary<Optional<String>> persistenceEngines() {
        Arbitrary<String> custom = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789_")
                .ofMinLength(1).ofMaxLength(15);
        return Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(Optional.<String>empty())),
                Tuple.of(1, Arbitraries.just(Optional.of("sip"))),
                Tuple.of(1, custom.map(Optional::of)));
    }

    public static Arbitrary<VirtualService> virtualServices() {
        return virtualServicesWith(serviceKeys());
    }

    /** Services with this key and any settings. */
    public static Arbitrary<VirtualService> virtualServices(ServiceKey key) {
        return virtualServicesWith(Arbitraries.just(key));
    }

    // Built without flatMap (slow to generate and to shrink): flags and netmask are drawn for any
    // scheduler and family, then fitted to the ones drawn.
    private static Arbitrary<VirtualService> virtualServicesWith(Arbitrary<ServiceKey> keys) {
        Arbitrary<Optional<Persistence>> persistence = Combinators.combine(
                        Arbitraries.longs().between(1, 0xFFFF_FFFFL).edgeCases(c -> c.add(300L)),
                        Arbitraries.integers().between(0, 128).edgeCases(c -> c.add(24).add(64)))
                .as((seconds, prefix) -> new Persistence(Duration.ofSeconds(seconds), prefix))
                .optional(0.5);
        return Combinators.combine(keys, schedulers(), Arbitraries.subsetOf(SchedulerFlag.values()), persistence,
                        Arbitraries.of(true, false), persistenceEngines())
                .as((key, scheduler, flags, p, onePacket, engine) -> new VirtualService(key, scheduler,
                        fit(flags, scheduler), p.map(x -> fit(x, key.family())), onePacket, engine));
    }

    private static Set<SchedulerFlag> fit(Set<SchedulerFlag> flags, Scheduler scheduler) {
        Set<SchedulerFlag> fitting = EnumSet.noneOf(SchedulerFlag.class);
        for (SchedulerFlag f : flags) {
            if (f.scheduler().map(scheduler::equals).orElse(true)) {
                fitting.add(f);
            }
        }
        return fitting;
    }

    private static Persistence fit(Persistence p, AddressFamily family) {
        int prefix = p.netmaskPrefixLength();
        if (family == AddressFamily.INET && prefix > 32) {
            prefix = prefix % 33;
        } else if (family == AddressFamily.INET6 && prefix == 0) {
            prefix = 128;
        }
        return p.withNetmaskPrefixLength(prefix);
    }

    // ---- real servers --------------------------------------------------------------------------

    /** Every tunnel type with the ports and flags it takes. */
    public static Arbitrary<TunnelOptions> tunnelOptions() {
        Arbitrary<TunnelOptions> gue = Combinators.combine(
                        Arbitraries.integers().between(1, 0xFFFF), Arbitraries.subsetOf(TunnelFlag.values()))
                .as((port, flags) -> new TunnelOptions(TunnelType.GUE, port, flags));
        Arbitrary<TunnelOptions> gre = Arbitraries.subsetOf(TunnelFlag.CSUM)
                .map(flags -> new TunnelOptions(TunnelType.GRE, 0, flags));
        return Arbitraries.oneOf(Arbitraries.just(TunnelOptions.IPIP), gue, gre);
    }

    /** Real servers of either family. */
    public static Arbitrary<RealServer> realServers() {
        return Arbitraries.oneOf(realServers(AddressFamily.INET), realServers(AddressFamily.INET6));
    }

    /**
     * Real servers fit for a service of {@code serviceFamily}: mostly of that family with any
     * forwarding method, sometimes of the other family with TUNNEL (which the kernel allows).
     */
    public static Arbitrary<RealServer> realServers(AddressFamily serviceFamily) {
        AddressFamily other = serviceFamily == AddressFamily.INET ? AddressFamily.INET6 : AddressFamily.INET;
        Arbitrary<RealServer> same = realServers(addresses(serviceFamily), Arbitraries.of(ForwardingMethod.class));
        Arbitrary<RealServer> mixed = realServers(addresses(other), Arbitraries.just(ForwardingMethod.TUNNEL));
        return Arbitraries.frequencyOf(Tuple.of(5, same), Tuple.of(1, mixed));
    }

    private static Arbitrary<RealServer> realServers(
            Arbitrary<InetAddress> addresses, Arbitrary<ForwardingMethod> methods) {
        Arbitrary<Integer> weights = Arbitraries.integers().between(0, Integer.MAX_VALUE)
                .edgeCases(c -> c.add(1).add(65535));
        Arbitrary<Integer> counts = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        Arbitrary<int[]> thresholds = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(new int[] {0, 0})),
                Tuple.of(1, Combinators.combine(counts, counts)
                        .as((a, b) -> new int[] {Math.max(a, b), Math.min(a, b)})));
        return Combinators.combine(addresses, ports(), methods, weights, thresholds, tunnelOptions().optional(0.7))
                .as((address, port, method, weight, t, tunnel) -> new RealServer(address, port, method, weight,
                        t[0], t[1], method == ForwardingMethod.TUNNEL ? tunnel : Optional.empty()));
    }

    // ---- live status ---------------------------------------------------------------------------

    /** Any 64-bit counters (negative ones stand for values above 2^63). */
    public static Arbitrary<Stats> stats() {
        return Arbitraries.longs().list().ofSize(10).map(v -> new Stats(
                v.get(0), v.get(1), v.get(2), v.get(3), v.get(4), v.get(5), v.get(6), v.get(7), v.get(8), v.get(9)));
    }

    public static Arbitrary<ServiceEntry> serviceEntries() {
        return Combinators.combine(virtualServices(), stats()).as(ServiceEntry::new);
    }

    public static Arbitrary<RealServerEntry> realServerEntries() {
        Arbitrary<Integer> counts = Arbitraries.integers().greaterOrEqual(0);
        return Combinators.combine(realServers(), counts, counts, counts, stats()).as(RealServerEntry::new);
    }

    // ---- global settings -----------------------------------------------------------------------

    public static Arbitrary<Timeouts> timeouts() {
        Arbitrary<Duration> seconds = Arbitraries.longs().between(0, Integer.MAX_VALUE)
                .edgeCases(c -> c.add(900L).add(120L).add(300L)).map(Duration::ofSeconds);
        return Combinators.combine(seconds, seconds, seconds).as(Timeouts::new);
    }

    /** IPv4 (224.0.0.0/4) and IPv6 (ff00::/8) multicast groups. */
    public static Arbitrary<InetAddress> multicastGroups() {
        Arbitrary<InetAddress> v4 = Arbitraries.bytes().array(byte[].class).ofSize(4)
                .map(b -> {
                    b[0] = (byte) (0xe0 | (b[0] & 0x0f));
                    return address(b);
                });
        Arbitrary<InetAddress> v6 = Arbitraries.bytes().array(byte[].class).ofSize(16)
                .map(b -> address(withPrefix(b, 0xff)));
        return Arbitraries.oneOf(v4, v6);
    }

    /** Valid Linux interface names: 1..15 characters, not "." or "..". */
    public static Arbitrary<String> interfaceNames() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789._-")
                .ofMinLength(1).ofMaxLength(15)
                .filter(n -> !n.equals(".") && !n.equals(".."))
                .edgeCases(c -> c.add("eth0").add("lo"));
    }

    public static Arbitrary<SyncDaemon> syncDaemons() {
        return Combinators.combine(
                        Arbitraries.of(SyncDaemon.State.class),
                        interfaceNames(),
                        Arbitraries.integers().between(0, 255),
                        Arbitraries.integers().between(0, 0xFFFF),
                        multicastGroups().optional(0.6),
                        ports(),
                        Arbitraries.integers().between(0, 255))
                .as(SyncDaemon::new);
    }

    public static Arbitrary<IpvsInfo> infos() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 0xFF_FFFF).edgeCases(c -> c.add(0x010201)),
                        Arbitraries.integers().greaterOrEqual(0))
                .as(IpvsInfo::new);
    }

    // ---- the domain: one @Provide per type --------------------------------------------------------

    @Provide
    Arbitrary<ServiceKey> serviceKey() {
        return serviceKeys();
    }

    @Provide
    Arbitrary<Scheduler> scheduler() {
        return schedulers();
    }

    @Provide
    Arbitrary<VirtualService> virtualService() {
        return virtualServices();
    }

    @Provide
    Arbitrary<TunnelOptions> tunnel() {
        return tunnelOptions();
    }

    @Provide
    Arbitrary<RealServer> realServer() {
        return realServers();
    }

    @Provide
    Arbitrary<Stats> statistics() {
        return stats();
    }

    @Provide
    Arbitrary<ServiceEntry> serviceEntry() {
        return serviceEntries();
    }

    @Provide
    Arbitrary<RealServerEntry> realServerEntry() {
        return realServerEntries();
    }

    @Provide
    Arbitrary<Timeouts> timeout() {
        return timeouts();
    }

    @Provide
    Arbitrary<SyncDaemon> syncDaemon() {
        return syncDaemons();
    }

    @Provide
    Arbitrary<IpvsInfo> info() {
        return infos();
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** 4 bytes give an Inet4Address; 16 an Inet6Address, even when IPv4-mapped. */
    static InetAddress address(byte[] bytes) {
        try {
            return bytes.length == 16 ? Inet6Address.getByAddress(null, bytes, -1) : InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] withPrefix(byte[] bytes, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            bytes[i] = (byte) prefix[i];
        }
        return bytes;
    }
}
