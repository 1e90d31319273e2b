package io.jlvs.cli.jlvsadm;

import io.jlvs.ipvs.SchedulerFlag;
import java.util.Set;

/**
 * ipvsadm's scheduler flags, -b on input and "(sh-fallback,sh-port)" on output (parse_sched_flags and
 * print_sched_flags in ipvsadm.c). The kernel has three anonymous bits; sh and mh name the first two,
 * every other scheduler shows them as flag-1, flag-2, flag-3.
 */
final class SchedulerFlags {
    private SchedulerFlags() {}

    /**
     * The kernel bits of a comma-separated -b argument, for {@code scheduler} (ipvsadm's default, wlc,
     * when none was given). Empty items are skipped, as strtok skips them.
     */
    static int parse(String scheduler, String argument) throws UsageException {
        String sched = scheduler == null || scheduler.isEmpty() ? "wlc" : scheduler;
        int bits = 0;
        int count = 0;
        for (String flag : argument.split(",")) {
            if (flag.isEmpty()) {
                continue;
            }
            count++;
            SchedulerFlag f = switch (flag) {
                case "flag-1" -> SchedulerFlag.FLAG_1;
                case "flag-2" -> SchedulerFlag.FLAG_2;
                case "flag-3" -> SchedulerFlag.FLAG_3;
                case "sh-fallback" -> SchedulerFlag.SH_FALLBACK;
                case "sh-port" -> SchedulerFlag.SH_PORT;
                case "mh-fallback" -> SchedulerFlag.MH_FALLBACK;
                case "mh-port" -> SchedulerFlag.MH_PORT;
                default -> throw new UsageException("invalid scheduler flag `" + flag + "'");
            };
            if (f.scheduler().isPresent() && !f.scheduler().get().name().equals(sched)) {
                throw new UsageException("incompatible scheduler flag `" + flag + "' (it is for scheduler "
                        + f.scheduler().get() + ", not " + sched + ")");
            }
            bits |= f.kernelBit();
        }
        if (count == 0 && !argument.isEmpty()) {
            throw new UsageException("invalid scheduler flag `" + argument + "'");
        }
        return bits;
    }

    /** print_sched_flags: the names of the set bits, comma-separated ("" when none). */
    static String format(Set<SchedulerFlag> flags, String scheduler) {
        int bits = SchedulerFlag.toKernelBits(flags);
        StringBuilder text = new StringBuilder();
        if (scheduler.equals("sh")) {
            append(text, bits, SchedulerFlag.SH_FALLBACK);
            append(text, bits, SchedulerFlag.SH_PORT);
        } else if (scheduler.equals("mh")) {
            append(text, bits, SchedulerFlag.MH_FALLBACK);
            append(text, bits, SchedulerFlag.MH_PORT);
        } else {
            append(text, bits, SchedulerFlag.FLAG_1);
            append(text, bits, SchedulerFlag.FLAG_2);
            append(text, bits, SchedulerFlag.FLAG_3);
        }
        return text.toString();
    }

    private static void append(StringBuilder text, int bits, SchedulerFlag flag) {
        if ((bits & flag.kernelBit()) != 0) {
            text.append(text.length() == 0 ? "" : ",").append(flag.ipvsadmName());
        }
    }
}
