package io.jlvs.cli.jlvsadm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jlvs.ipvs.SchedulerFlag;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** -b on input, "(...)" on output. */
class SchedulerFlagsTest {

    @Test
    void parseNamesToBits() throws UsageException {
        int one = SchedulerFlag.FLAG_1.kernelBit();
        int two = SchedulerFlag.FLAG_2.kernelBit();
        assertEquals(one | two, SchedulerFlags.parse("sh", "sh-fallback,sh-port"));
        assertEquals(one | two, SchedulerFlags.parse("mh", "mh-port,,mh-fallback"));
        assertEquals(SchedulerFlag.FLAG_3.kernelBit(), SchedulerFlags.parse("", "flag-3"));
        assertEquals(0, SchedulerFlags.parse("rr", ""));
    }

    @Test
    void parseRefusesUnknownAndForeignFlags() {
        assertEquals("invalid scheduler flag `,'", assertThrows(UsageException.class, () -> SchedulerFlags.parse("rr", ",")).getMessage());
        assertEquals("incompatible scheduler flag `mh-port' (it is for scheduler mh, not sh)",
                assertThrows(UsageException.class, () -> SchedulerFlags.parse("sh", "mh-port")).getMessage());
    }

    @Test
    void formatByScheduler() {
        assertEquals("sh-fallback,sh-port", SchedulerFlags.format(Set.of(SchedulerFlag.SH_PORT, SchedulerFlag.SH_FALLBACK), "sh"));
        assertEquals("mh-port", SchedulerFlags.format(Set.of(SchedulerFlag.MH_PORT), "mh"));
        assertEquals("flag-1,flag-3", SchedulerFlags.format(Set.of(SchedulerFlag.FLAG_3, SchedulerFlag.FLAG_1), "rr"));
        assertEquals("", SchedulerFlags.format(Set.of(SchedulerFlag.FLAG_3), "sh"));
    }
}
