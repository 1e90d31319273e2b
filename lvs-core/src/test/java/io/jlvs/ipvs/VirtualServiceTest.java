package io.jlvs.ipvs;

import static io.jlvs.ipvs.TestAddresses.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VirtualServiceTest {
    private static final ServiceKey WEB = ServiceKey.tcp(ip("10.0.0.1"), 80);
    private static final ServiceKey WEB6 = ServiceKey.tcp(ip("2001:db8::1"), 80);

    @Test
    void builderDefaultsAreIpvsadms() {
        VirtualService s = VirtualService.builder(WEB).build();
        assertEquals(WEB, s.key());
        assertEquals(Scheduler.WLC, s.scheduler());
        assertEquals(Set.of(), s.schedulerFlags());
        assertEquals(Optional.empty(), s.persistence());
        assertFalse(s.onePacket());
        assertEquals(Optional.empty(), s.persistenceEngine());
        assertFalse(s.isPersistent());
    }

    @Test
    void persistentAloneMeans300SecondsPerClientAddress() {
        assertEquals(Optional.of(new Persistence(Duration.ofSeconds(300), 32)),
                VirtualService.builder(WEB).persistent().build().persistence());
        assertEquals(Optional.of(new Persistence(Duration.ofSeconds(300), 128)),
                VirtualService.builder(WEB6).persistent().build().persistence());
    }

    @Test
    void ipv4NetmaskAbove32IsRejectedNamingPrefixAndService() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> VirtualService.builder(WEB).persistent(Duration.ofSeconds(60), 33).build());
        assertTrue(e.getMessage().contains("33") && e.getMessage().contains("TCP 10.0.0.1:80"), e.getMessage());
    }

    @Test
    void ipv6NetmaskZeroIsRejectedAsTheKernelDoes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> VirtualService.builder(WEB6).persistent(Duration.ofSeconds(60), 0).build());
        assertTrue(e.getMessage().contains("1..128"), e.getMessage());
        assertEquals(64, VirtualService.builder(WEB6).persistent(Duration.ofSeconds(60), 64).build()
                .persistence().orElseThrow().netmaskPrefixLength());
    }

    @Test
    void ipv4NetmaskZeroIsAllowed() {
        assertEquals(0, VirtualService.builder(WEB).persistent(Duration.ofSeconds(60), 0).build()
                .persistence().orElseThrow().netmaskPrefixLength());
    }

    @Test
    void schedulerFlagsAreCheckedAgainstTheScheduler() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> VirtualService.builder(WEB).scheduler(Scheduler.RR).schedulerFlags(SchedulerFlag.SH_PORT).build());
        assertTrue(e.getMessage().contains("sh-port"), e.getMessage());
    }

    @Test
    void genericFlagsAreStoredUnderTheSchedulersNames() {
        VirtualService s = VirtualService.builder(WEB).scheduler(Scheduler.SH)
                .schedulerFlags(SchedulerFlag.FLAG_1, SchedulerFlag.SH_PORT).build();
        assertEquals(Set.of(SchedulerFlag.SH_FALLBACK, SchedulerFlag.SH_PORT), s.schedulerFlags());
    }

    @Test
    void schedulerFlagsCannotBeModified() {
        VirtualService s = VirtualService.builder(WEB).scheduler(Scheduler.SH).schedulerFlags(SchedulerFlag.SH_PORT).build();
        assertThrows(UnsupportedOperationException.class, () -> s.schedulerFlags().add(SchedulerFlag.SH_FALLBACK));
    }

    @Test
    void persistenceEngineNameIsChecked() {
        assertEquals(Optional.of("sip"),
                VirtualService.builder(WEB).persistent().persistenceEngine("sip").build().persistenceEngine());
        var e = assertThrows(IllegalArgumentException.class,
                () -> VirtualService.builder(WEB).persistenceEngine("SIP!").build());
        assertTrue(e.getMessage().contains("'SIP!'"), e.getMessage());
    }

    @Test
    void printsAsIpvsadmLists() {
        assertEquals("TCP 10.0.0.1:80 wlc", VirtualService.builder(WEB).build().toString());
        assertEquals("TCP 10.0.0.1:80 sh (sh-fallback,sh-port) persistent 60 mask 255.255.255.0 pe sip ops",
                VirtualService.builder(WEB).scheduler("sh")
                        .schedulerFlags(SchedulerFlag.SH_FALLBACK, SchedulerFlag.SH_PORT)
                        .persistent(Duration.ofSeconds(60), 24).persistenceEngine("sip").onePacket(true)
                        .build().toString());
        assertEquals("FWM 7 IPv6 rr persistent 300 mask 64",
                VirtualService.builder(ServiceKey.fwmark(7, AddressFamily.INET6)).scheduler(Scheduler.RR)
                        .persistent(Duration.ofSeconds(300), 64).build().toString());
    }

    @Test
    void toBuilderKeepsEverything() {
        VirtualService s = VirtualService.builder(WEB6).scheduler(Scheduler.MH)
                .schedulerFlags(SchedulerFlag.MH_PORT).persistent(Duration.ofSeconds(30), 64)
                .persistenceEngine("sip").onePacket(true).build();
        assertEquals(s, s.toBuilder().build());
        assertEquals(Scheduler.RR, s.toBuilder().scheduler(Scheduler.RR).schedulerFlags(Set.of()).build().scheduler());
    }

    @Test
    void notPersistentClearsPersistence() {
        assertFalse(VirtualService.builder(WEB).persistent().notPersistent().build().isPersistent());
    }

    @Test
    void nullOptionalsAreRejected() {
        assertThrows(NullPointerException.class,
                () -> new VirtualService(WEB, Scheduler.WLC, Set.of(), null, false, Optional.empty()));
    }
}
