package io.jlvs.bench.table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.ThreadMXBean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU seconds spent in user space and in the kernel. For jLVS in this JVM, the whole process's
 * ({@link #process()}: every thread, the JIT compilers and the GC included, as a peer's whole process is
 * counted; netlink requests are processed in the sending thread's sendmsg, so the kernel's IPVS work
 * shows up as system time); for a peer or a whole jlvsadm, what bash's {@code times} reports for its
 * children. Splitting the two says how much of a load is the kernel's own work, which no client can
 * make faster.
 */
record CpuTime(double userSeconds, double systemSeconds) {
    private static final Pattern TIMES = Pattern.compile("(\\d+)m([\\d.]+)s\\s+(\\d+)m([\\d.]+)s");

    /** Clock ticks per second of /proc's times: USER_HZ, 100 on every Linux architecture the JDK runs on. */
    static final double USER_HZ = 100;

    /** This whole process's CPU time so far (all its threads), from /proc/self/stat; 10 ms resolution. */
    static CpuTime process() {
        try {
            return fromProcStat(Files.readString(Path.of("/proc/self/stat")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/self/stat for this process's CPU time", e);
        }
    }

    /** utime and stime (fields 14 and 15 of proc(5)'s stat line; the name in field 2 may hold spaces). */
    static CpuTime fromProcStat(String stat) {
        int end = stat.lastIndexOf(')');
        String[] f = end < 0 ? new String[0] : stat.substring(end + 1).trim().split("\\s+");
        if (f.length < 13) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: " + stat);
        }
        // f[0] is field 3 (state): utime is field 14, stime field 15.
        return new CpuTime(Long.parseLong(f[11]) / USER_HZ, Long.parseLong(f[12]) / USER_HZ);
    }

    double totalSeconds() {
        return userSeconds + systemSeconds;
    }

    /** The current thread's CPU time so far. */
    static CpuTime currentThread() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long cpu = mx.getCurrentThreadCpuTime();
        long user = mx.getCurrentThreadUserTime();
        return new CpuTime(user / 1e9, (cpu - user) / 1e9);
    }

    CpuTime minus(CpuTime earlier) {
        return new CpuTime(userSeconds - earlier.userSeconds, systemSeconds - earlier.systemSeconds);
    }

    /** The children's line of bash's {@code times} output (its second line): "0m1.234s 0m5.678s". */
    static CpuTime fromBashTimes(String output) {
        var lines = output.strip().lines().toList();
        if (lines.size() < 2) {
            throw new IllegalArgumentException("expected two lines from bash's times, got: " + output);
        }
        Matcher m = TIMES.matcher(lines.get(lines.size() - 1));
        if (!m.find()) {
            throw new IllegalArgumentException("cannot read bash's times line: " + lines.get(lines.size() - 1));
        }
        return new CpuTime(Integer.parseInt(m.group(1)) * 60 + Double.parseDouble(m.group(2)),
                Integer.parseInt(m.group(3)) * 60 + Double.parseDouble(m.group(4)));
    }
}
