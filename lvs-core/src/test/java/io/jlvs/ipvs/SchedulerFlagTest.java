package io.jlvs.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.ipvs.internal.IpvsUapi;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchedulerFlagTest {

    @Test
    void shAndMhNamesShareTheSchedulerBits() {
        assertEquals(IpvsUapi.IP_VS_SVC_F_SCHED1, SchedulerFlag.SH_FALLBACK.kernelBit());
        assertEquals(IpvsUapi.IP_VS_SVC_F_SCHED1, SchedulerFlag.MH_FALLBACK.kernelBit());
        assertEquals(IpvsUapi.IP_VS_SVC_F_SCHED2, SchedulerFlag.SH_PORT.kernelBit());
        assertEquals(IpvsUapi.IP_VS_SVC_F_SCHED2, SchedulerFlag.MH_PORT.kernelBit());
        assertEquals(IpvsUapi.IP_VS_SVC_F_SCHED3, SchedulerFlag.FLAG_3.kernelBit());
    }

    @Test
    void bitsDecodeByTheServicesScheduler() {
        int bits = IpvsUapi.IP_VS_SVC_F_SCHED1 | IpvsUapi.IP_VS_SVC_F_SCHED2;
        assertEquals(Set.of(SchedulerFlag.SH_FALLBACK, SchedulerFlag.SH_PORT), SchedulerFlag.fromKernelBits(bits, Scheduler.SH));
        assertEquals(Set.of(SchedulerFlag.MH_FALLBACK, SchedulerFlag.MH_PORT), SchedulerFlag.fromKernelBits(bits, Scheduler.MH));
        assertEquals(Set.of(SchedulerFlag.FLAG_1, SchedulerFlag.FLAG_2), SchedulerFlag.fromKernelBits(bits, Scheduler.RR));
    }

    @Test
    void theThirdBitIsGenericEvenForSh() {
        assertEquals(Set.of(SchedulerFlag.FLAG_3),
                SchedulerFlag.fromKernelBits(IpvsUapi.IP_VS_SVC_F_SCHED3, Scheduler.SH));
    }

    @Test
    void otherServiceFlagBitsAreIgnoredWhenDecoding() {
        int flags = IpvsUapi.IP_VS_SVC_F_PERSISTENT | IpvsUapi.IP_VS_SVC_F_HASHED | IpvsUapi.IP_VS_SVC_F_ONEPACKET;
        assertEquals(Set.of(), SchedulerFlag.fromKernelBits(flags, Scheduler.SH));
    }

    @Test
    void genericFlagsBecomeTheSchedulersNames() {
        assertEquals(Set.of(SchedulerFlag.SH_FALLBACK),
                SchedulerFlag.canonical(Set.of(SchedulerFlag.FLAG_1), Scheduler.SH));
        assertEquals(Set.of(SchedulerFlag.MH_PORT),
                SchedulerFlag.canonical(Set.of(SchedulerFlag.FLAG_2), Scheduler.MH));
    }

    @Test
    void aFlagNamedForAnotherSchedulerIsRejectedNamingBoth() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SchedulerFlag.canonical(Set.of(SchedulerFlag.SH_PORT), Scheduler.MH));
        assertTrue(e.getMessage().contains("sh-port") && e.getMessage().contains("mh"), e.getMessage());
    }

    @Test
    void everyCanonicalSetRoundTripsThroughTheBits() {
        for (Scheduler s : new Scheduler[] {Scheduler.SH, Scheduler.MH, Scheduler.RR, Scheduler.of("custom")}) {
            for (int bits = 0; bits < 8; bits++) {
                Set<SchedulerFlag> flags = SchedulerFlag.fromKernelBits(bits << 3, s);
                assertEquals(bits << 3, SchedulerFlag.toKernelBits(flags));
                assertEquals(flags, SchedulerFlag.canonical(flags, s));
            }
        }
    }

    @Test
    void ipvsadmNamesMapBothWays() {
        for (SchedulerFlag f : SchedulerFlag.values()) {
            assertEquals(f, SchedulerFlag.fromIpvsadmName(f.ipvsadmName()));
        }
        assertEquals(EnumSet.allOf(SchedulerFlag.class).size(), 7);
        var e = assertThrows(IllegalArgumentException.class, () -> SchedulerFlag.fromIpvsadmName("sh-frob"));
        assertTrue(e.getMessage().contains("'sh-frob'"), e.getMessage());
    }
}
