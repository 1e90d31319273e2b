package io.jlvs.ipvs.internal;

import static io.jlvs.ipvs.internal.IpvsCodecTestMessages.written;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlvs.ipvs.AddressFamily;
import io.jlvs.ipvs.IpvsArbitraries;
import io.jlvs.ipvs.IpvsInfo;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerEntry;
import io.jlvs.ipvs.ServiceEntry;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.Stats;
import io.jlvs.ipvs.SyncDaemon;
import io.jlvs.ipvs.Timeouts;
import io.jlvs.ipvs.VirtualService;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * Encode → decode → compare, for every layout IpvsCodec has: what the codec writes (as a request,
 * or as the kernel's ip_vs_genl_fill_* would reply) it reads back as an equal value.
 */
class IpvsCodecRoundTripTest {

    @Property(tries = 400)
    void aServiceEntryAsTheKernelFillsItReadsBackEqual(@ForAll("serviceEntries") ServiceEntry entry) {
        assertEquals(entry, IpvsCodec.readServiceEntry(written(w -> IpvsCodec.writeServiceEntry(w, entry))));
    }

    @Property(tries = 400)
    void aNewServiceRequestReadsBackAsTheSameServiceWithZeroCounters(@ForAll("virtualServices") VirtualService service) {
        ServiceEntry read = IpvsCodec.readServiceEntry(written(w -> IpvsCodec.writeService(w, service)));
        assertEquals(service, read.service());
        assertEquals(Stats.ZERO, read.stats());
    }

    @Property(tries = 300)
    void aServiceKeyReadsBackEqual(@ForAll("serviceKeys") ServiceKey key) {
        ServiceKey read = IpvsCodec.readServiceKey(
                written(w -> IpvsCodec.writeServiceKeyNest(w, key)).nested(IpvsUapi.IPVS_CMD_ATTR_SERVICE));
        assertEquals(key, read);
    }

    @Property(tries = 400)
    void aRealServerEntryAsTheKernelFillsItReadsBackEqual(
            @ForAll("realServerEntriesWithServiceFamily") Tuple2<AddressFamily, RealServerEntry> t) {
        RealServerEntry entry = t.get2();
        assertEquals(entry, IpvsCodec.readRealServerEntry(written(w -> IpvsCodec.writeRealServerEntry(w, entry)), t.get1()));
    }

    @Property(tries = 300)
    void aNewRealServerRequestReadsBackAsTheSameRealServer(
            @ForAll("realServersWithServiceFamily") Tuple2<AddressFamily, RealServer> t) {
        RealServer server = t.get2();
        RealServerEntry read = IpvsCodec.readRealServerEntry(written(w -> IpvsCodec.writeRealServer(w, server)), t.get1());
        assertEquals(new RealServerEntry(server, 0, 0, 0, Stats.ZERO), read);
    }

    @Property(tries = 300)
    void aSyncDaemonReadsBackEqual(@ForAll("syncDaemons") SyncDaemon daemon) {
        assertEquals(daemon, IpvsCodec.readDaemon(written(w -> IpvsCodec.writeDaemon(w, daemon))));
    }

    @Property(tries = 300)
    void timeoutsReadBackEqual(@ForAll("timeouts") Timeouts timeouts) {
        assertEquals(timeouts, IpvsCodec.readTimeouts(written(w -> IpvsCodec.writeTimeouts(w, timeouts))));
    }

    @Property(tries = 300)
    void infoReadsBackEqual(@ForAll("infos") IpvsInfo info) {
        assertEquals(info, IpvsCodec.readInfo(written(w -> IpvsCodec.writeInfo(w, info))));
    }

    // ---- arbitraries ---------------------------------------------------------------------------------

    @Provide
    Arbitrary<ServiceEntry> serviceEntries() {
        return IpvsArbitraries.serviceEntries();
    }

    @Provide
    Arbitrary<VirtualService> virtualServices() {
        return IpvsArbitraries.virtualServices();
    }

    @Provide
    Arbitrary<ServiceKey> serviceKeys() {
        return IpvsArbitraries.serviceKeys();
    }

    /** A service family and a real server fit for it (sometimes of the other family, with TUNNEL). */
    @Provide
    Arbitrary<Tuple2<AddressFamily, RealServer>> realServersWithServiceFamily() {
        return Arbitraries.of(AddressFamily.class)
                .flatMap(family -> IpvsArbitraries.realServers(family).map(server -> Tuple.of(family, server)));
    }

    @Provide
    Arbitrary<Tuple2<AddressFamily, RealServerEntry>> realServerEntriesWithServiceFamily() {
        Arbitrary<Integer> counts = Arbitraries.integers().greaterOrEqual(0);
        return realServersWithServiceFamily().flatMap(t -> Combinators
                .combine(counts, counts, counts, IpvsArbitraries.stats())
                .as((active, inactive, persistent, stats) ->
                        Tuple.of(t.get1(), new RealServerEntry(t.get2(), active, inactive, persistent, stats))));
    }

    @Provide
    Arbitrary<SyncDaemon> syncDaemons() {
        return IpvsArbitraries.syncDaemons();
    }

    @Provide
    Arbitrary<Timeouts> timeouts() {
        return IpvsArbitraries.timeouts();
    }

    @Provide
    Arbitrary<IpvsInfo> infos() {
        return IpvsArbitraries.infos();
    }
}
