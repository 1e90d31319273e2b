package io.jlvs.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.domains.Domain;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties of the model, over {@link IpvsArbitraries}; the coverage checks keep the arbitraries
 * honest for the codec properties that reuse them.
 */
@Domain(IpvsArbitraries.class)
@Tag("property")
class IpvsArbitrariesProperties {

    @Property
    void virtualServicesRebuildEqual(@ForAll VirtualService s) {
        assertEquals(s, new VirtualService(s.key(), s.scheduler(), s.schedulerFlags(), s.persistence(),
                s.onePacket(), s.persistenceEngine()));
        assertEquals(s, s.toBuilder().build());
    }

    @Property
    void schedulerFlagsRoundTripThroughKernelBits(@ForAll VirtualService s) {
        int bits = SchedulerFlag.toKernelBits(s.schedulerFlags());
        assertEquals(s.schedulerFlags(), SchedulerFlag.fromKernelBits(bits, s.scheduler()));
    }

    @Property
    void realServersRebuildEqual(@ForAll RealServer r) {
        assertEquals(r, new RealServer(r.address(), r.port(), r.forwarding(), r.weight(), r.upperThreshold(),
                r.lowerThreshold(), r.tunnel()));
        assertEquals(r, r.toBuilder().build());
        assertEquals(ForwardingMethod.fromKernel(r.forwarding().kernelValue()), r.forwarding());
    }

    @Property
    void tunnelOptionsRoundTripThroughKernelValues(@ForAll TunnelOptions t) {
        assertEquals(t, new TunnelOptions(TunnelType.fromKernel(t.type().kernelValue()), t.port(),
                TunnelFlag.fromKernelBits(TunnelFlag.toKernelBits(t.flags()))));
    }

    @Property
    void syncDaemonsRebuildEqual(@ForAll SyncDaemon d) {
        assertEquals(d, new SyncDaemon(SyncDaemon.State.fromKernel(d.state().kernelValue()), d.interfaceName(),
                d.syncId(), d.syncMaxLength(), d.multicastGroup(), d.multicastPort(), d.multicastTtl()));
    }

    @Property
    void timeoutsRebuildEqual(@ForAll Timeouts t) {
        assertEquals(t, Timeouts.ofSeconds(t.tcp().getSeconds(), t.tcpFin().getSeconds(), t.udp().getSeconds()));
    }

    // ---- coverage of the arbitraries -------------------------------------------------------------

    @Property(tries = 2000)
    void serviceArbitrariesCoverEveryVariant(@ForAll VirtualService s) {
        Statistics.label("key").collect(s.key() instanceof ServiceKey.Fwmark ? "fwmark" : "address", s.family());
        Statistics.label("scheduler").collect(s.scheduler().isBuiltIn() ? s.scheduler().name()
                : s.scheduler().equals(Scheduler.NONE) ? "none" : "custom");
        s.schedulerFlags().forEach(f -> Statistics.label("flag").collect(f));
        Statistics.label("persistence").collect(s.persistence()
                .map(p -> p.netmaskPrefixLength() == s.family().maxPrefixLength() ? "host" : "netmask").orElse("none"));
        Statistics.label("engine").collect(s.persistenceEngine().isPresent());
        Statistics.label("ops").collect(s.onePacket());
        if (s.key() instanceof ServiceKey.Address a) {
            Statistics.label("protocol").collect(a.protocol());
        }

        Statistics.label("key").coverage(c -> {
            for (AddressFamily f : AddressFamily.values()) {
                c.check("fwmark", f).count(n -> n > 0);
                c.check("address", f).count(n -> n > 0);
            }
        });
        Statistics.label("scheduler").coverage(c -> {
            Scheduler.known().forEach(k -> c.check(k.name()).count(n -> n > 0));
            c.check("none").count(n -> n > 0);
            c.check("custom").count(n -> n > 0);
        });
        Statistics.label("flag").coverage(c -> {
            for (SchedulerFlag f : SchedulerFlag.values()) {
                c.check(f).count(n -> n > 0);
            }
        });
        Statistics.label("persistence").coverage(c -> {
            c.check("host").count(n -> n > 0);
            c.check("netmask").count(n -> n > 0);
            c.check("none").count(n -> n > 0);
        });
        Statistics.label("engine").coverage(c -> c.check(true).count(n -> n > 0));
        Statistics.label("ops").coverage(c -> c.check(true).count(n -> n > 0));
        Statistics.label("protocol").coverage(c -> {
            for (Protocol p : Protocol.values()) {
                c.check(p).count(n -> n > 0);
            }
        });
    }

    @Property(tries = 2000)
    void realServerArbitrariesCoverEveryVariant(@ForAll RealServer r) {
        Statistics.label("forwarding").collect(r.forwarding());
        Statistics.label("family").collect(r.addressFamily());
        r.tunnel().ifPresent(t -> {
            Statistics.label("tunnel").collect(t.type());
            t.flags().forEach(f -> Statistics.label("tunnel flag").collect(f));
        });
        Statistics.label("thresholds").collect(r.upperThreshold() != 0);
        Statistics.label("mapped").collect(r.address() instanceof java.net.Inet6Address
                && r.address().getAddress()[10] == -1 && r.address().getAddress()[11] == -1
                && r.address().getAddress()[0] == 0);

        Statistics.label("forwarding").coverage(c -> {
            for (ForwardingMethod m : ForwardingMethod.values()) {
                c.check(m).count(n -> n > 0);
            }
        });
        Statistics.label("family").coverage(c -> {
            for (AddressFamily f : AddressFamily.values()) {
                c.check(f).count(n -> n > 0);
            }
        });
        Statistics.label("tunnel").coverage(c -> {
            for (TunnelType t : TunnelType.values()) {
                c.check(t).count(n -> n > 0);
            }
        });
        Statistics.label("tunnel flag").coverage(c -> {
            for (TunnelFlag f : TunnelFlag.values()) {
                c.check(f).count(n -> n > 0);
            }
        });
        Statistics.label("thresholds").coverage(c -> c.check(true).count(n -> n > 0));
        Statistics.label("mapped").coverage(c -> c.check(true).count(n -> n > 0));
    }

    @Example
    void realServersForAFamilyAreOfThatFamilyOrTunnelled() {
        for (AddressFamily family : AddressFamily.values()) {
            long mixed = IpvsArbitraries.realServers(family).sampleStream().limit(500)
                    .filter(r -> r.addressFamily() != family)
                    .peek(r -> assertEquals(ForwardingMethod.TUNNEL, r.forwarding()))
                    .count();
            assertTrue(mixed > 0, "no real server of the other family than " + family);
        }
    }

    @Property(tries = 1000)
    void syncDaemonArbitrariesCoverBothGroupFamilies(@ForAll SyncDaemon d) {
        Statistics.label("group").collect(d.multicastGroup().map(g -> AddressFamily.of(g).name()).orElse("default"));
        Statistics.label("state").collect(d.state());
        Statistics.label("group").coverage(c -> {
            c.check("INET").count(n -> n > 0);
            c.check("INET6").count(n -> n > 0);
            c.check("default").count(n -> n > 0);
        });
        Statistics.label("state").coverage(c -> {
            c.check(SyncDaemon.State.MASTER).count(n -> n > 0);
            c.check(SyncDaemon.State.BACKUP).count(n -> n > 0);
        });
    }
}
