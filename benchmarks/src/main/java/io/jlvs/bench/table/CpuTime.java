package io.jlvs.bench.table;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU seconds spent in user space and in the kernel. For jLVS, the calling thread's (netlink requests
 * are processed in the sending thread's sendmsg, so the kernel's IPVS work shows up as its system time);
 * for a peer, what bash's {@code times} reports for its children. Splitting the two says how much of a
 * load is the kernel's own work, which no client can make faster.
 */
record CpuTime(double userSeconds, double systemSeconds) {
    private static final Pattern TIMES = Pattern.compile("(\\d+)m([\\d.]+)s\\s+(\\d+)m([\\d.]+)s");

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
