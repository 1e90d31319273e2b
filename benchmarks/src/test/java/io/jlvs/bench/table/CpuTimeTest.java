package io.jlvs.bench.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CpuTimeTest {

    @Test
    void readsTheChildrensLineOfBashTimes() {
        CpuTime t = CpuTime.fromBashTimes("0m0.004s 0m0.001s\n1m2.500s 0m40.250s\n");
        assertEquals(62.5, t.userSeconds(), 1e-9);
        assertEquals(40.25, t.systemSeconds(), 1e-9);
    }

    @Test
    void refusesOutputWithoutTheChildrensLine() {
        assertThrows(IllegalArgumentException.class, () -> CpuTime.fromBashTimes("0m0.004s 0m0.001s\n"));
    }

    @Test
    void theCurrentThreadHasSpentSomeCpu() {
        CpuTime before = CpuTime.currentThread();
        long x = 0;
        for (int i = 0; i < 5_000_000; i++) {
            x += Integer.toString(i).length();
        }
        CpuTime spent = CpuTime.currentThread().minus(before);
        assertEquals(true, spent.userSeconds() + spent.systemSeconds() > 0, "spent " + spent + " for " + x);
    }
}
