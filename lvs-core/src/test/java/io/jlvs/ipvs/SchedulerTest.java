package io.jlvs.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SchedulerTest {

    @Test
    void knownListsMainlineSchedulers() {
        assertEquals(List.of("rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq", "fo", "ovf", "mh", "twos"),
                Scheduler.known().stream().map(Scheduler::name).toList());
    }

    @Test
    void ofGivesAValueEqualToTheConstant() {
        assertEquals(Scheduler.MH, Scheduler.of("mh"));
        assertTrue(Scheduler.of("mh").isBuiltIn());
    }

    @Test
    void outOfTreeNamesAreAcceptedButNotBuiltIn() {
        Scheduler custom = Scheduler.of("my_sched2");
        assertFalse(custom.isBuiltIn());
        assertEquals("ip_vs_my_sched2", custom.moduleName());
    }

    @Test
    void noneIsAValidNameButNotAModule() {
        assertEquals("none", Scheduler.NONE.name());
        assertFalse(Scheduler.NONE.isBuiltIn());
    }

    @Test
    void moduleNameIsIpVsPrefixed() {
        assertEquals("ip_vs_wlc", Scheduler.WLC.moduleName());
    }

    @Test
    void toStringIsTheName() {
        assertEquals("wlc", Scheduler.WLC.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "RR", "round robin", "ip-vs", "abcdefghijklmnop", "wlc\0"})
    void malformedNamesAreRejectedNamingTheName(String name) {
        var e = assertThrows(IllegalArgumentException.class, () -> Scheduler.of(name));
        assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
    }

    @Test
    void fifteenCharactersIsTheLimit() {
        assertEquals(15, Scheduler.of("abcdefghijklmno").name().length());
    }
}
