package io.jlvs.sys;

import static io.jlvs.sys.LinuxConstants.O_RDONLY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * errno is per thread: concurrent failing calls must each report their own error, never a neighbour's.
 * Half the tasks fail with EBADF, half with ENOENT; a shared or late-read errno would mix them up.
 */
class ErrnoCaptureTest {
    private static final int TASKS = 8;
    private static final int CALLS_PER_TASK = 5_000;

    @ForEachBackend
    void concurrentPlatformThreadsEachSeeTheirOwnErrno(Syscalls sys) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(TASKS)) {
            assertEquals(0, countMismatches(sys, pool));
        }
    }

    @ForEachBackend
    void concurrentVirtualThreadsEachSeeTheirOwnErrno(Syscalls sys) throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            assertEquals(0, countMismatches(sys, pool));
        }
    }

    private static int countMismatches(Syscalls sys, ExecutorService pool) throws Exception {
        List<Future<Integer>> results = new ArrayList<>();
        for (int task = 0; task < TASKS; task++) {
            results.add(pool.submit(task % 2 == 0 ? failingCloses(sys) : failingOpens(sys)));
        }
        int mismatches = 0;
        for (Future<Integer> result : results) {
            mismatches += result.get();
        }
        return mismatches;
    }

    private static Callable<Integer> failingCloses(Syscalls sys) {
        return () -> {
            int mismatches = 0;
            for (int i = 0; i < CALLS_PER_TASK; i++) {
                mismatches += sys.close(-1) == -Errno.EBADF ? 0 : 1;
            }
            return mismatches;
        };
    }

    private static Callable<Integer> failingOpens(Syscalls sys) {
        return () -> {
            int mismatches = 0;
            for (int i = 0; i < CALLS_PER_TASK; i++) {
                mismatches += sys.open("/nonexistent/jlvs", O_RDONLY) == -Errno.ENOENT ? 0 : 1;
            }
            return mismatches;
        };
    }
}
