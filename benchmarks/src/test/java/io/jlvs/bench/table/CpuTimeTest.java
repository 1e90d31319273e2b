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
    void readsUserAndSystemTicksOfAProcStatLineWhoseNameHasSpacesAndParentheses() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 9000 0 12 0 1234 567 0 0 20 0 31 0 99 0 0";
        CpuTime t = CpuTime.fromProcStat(stat);
        assertEquals(12.34, t.userSeconds(), 1e-9);
        assertEquals(5.67, t.systemSeconds(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> CpuTime.fromProcStat("4242 (java) S 1"));
    }

    @Test
    void thisProcessCountsTheCpuOfItsOtherThreads() throws Exception {
        CpuTime before = CpuTime.process();
        Thread t = new Thread(() -> {
            long end = System.nanoTime() + 300_000_000L;
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
        });
        t.start();
        t.join();
        CpuTime spent = CpuTime.process().minus(before);
        assertEquals(true, spent.totalSeconds() >= 0.1, "another thread's 0.3 s of spinning, counted as " + spent);
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
