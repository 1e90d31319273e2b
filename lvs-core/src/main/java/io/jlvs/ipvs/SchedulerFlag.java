package io.jlvs.ipvs;

import io.jlvs.ipvs.internal.IpvsUapi;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Scheduler flags (ipvsadm {@code -b}). The kernel has three anonymous bits,
 * IP_VS_SVC_F_SCHED1..3, whose meaning belongs to the scheduler: for sh and mh bit 1 is
 * "fallback" and bit 2 is "hash the port too"; no mainline scheduler reads bit 3.
 *
 * <p>Because the bits are shared, a set of flags means something only together with its
 * scheduler. {@link #canonical} puts a set in the one form {@link #fromKernelBits} gives back:
 * the sh and mh names for sh and mh services, FLAG_1..FLAG_3 otherwise. {@link VirtualService}
 * applies it, so {@code fromKernelBits(toKernelBits(flags), scheduler)} equals the flags of every
 * valid service.
 */
public enum SchedulerFlag {
    /** sh: if the hashed server is unavailable, try the next (IP_VS_SVC_F_SCHED_SH_FALLBACK). */
    SH_FALLBACK("sh-fallback", IpvsUapi.IP_VS_SVC_F_SCHED_SH_FALLBACK, Scheduler.SH),
    /** sh: hash the source port as well as the address (IP_VS_SVC_F_SCHED_SH_PORT). */
    SH_PORT("sh-port", IpvsUapi.IP_VS_SVC_F_SCHED_SH_PORT, Scheduler.SH),
    /** mh: fallback, as SH_FALLBACK (IP_VS_SVC_F_SCHED_MH_FALLBACK, in ip_vs_mh.c). */
    MH_FALLBACK("mh-fallback", IpvsUapi.IP_VS_SVC_F_SCHED_MH_FALLBACK, Scheduler.MH),
    /** mh: hash the port, as SH_PORT (IP_VS_SVC_F_SCHED_MH_PORT, in ip_vs_mh.c). */
    MH_PORT("mh-port", IpvsUapi.IP_VS_SVC_F_SCHED_MH_PORT, Scheduler.MH),
    /** Bit IP_VS_SVC_F_SCHED1 for a scheduler without names for it. */
    FLAG_1("flag-1", IpvsUapi.IP_VS_SVC_F_SCHED1, null),
    /** Bit IP_VS_SVC_F_SCHED2 for a scheduler without names for it. */
    FLAG_2("flag-2", IpvsUapi.IP_VS_SVC_F_SCHED2, null),
    /** Bit IP_VS_SVC_F_SCHED3 (no mainline scheduler names it). */
    FLAG_3("flag-3", IpvsUapi.IP_VS_SVC_F_SCHED3, null);

    private final String ipvsadmName;
    private final int kernelBit;
    private final Scheduler scheduler;

    SchedulerFlag(String ipvsadmName, int kernelBit, Scheduler scheduler) {
        this.ipvsadmName = ipvsadmName;
        this.kernelBit = kernelBit;
        this.scheduler = scheduler;
    }

    /** The name ipvsadm takes after {@code -b} and prints: "sh-fallback", "flag-1", ... */
    public String ipvsadmName() {
        return ipvsadmName;
    }

    /** The IP_VS_SVC_F_SCHED* bit. */
    public int kernelBit() {
        return kernelBit;
    }

    /** The scheduler this flag is named for; empty for FLAG_1..FLAG_3. */
    public Optional<Scheduler> scheduler() {
        return Optional.ofNullable(scheduler);
    }

    /** The flag with that ipvsadm name; IllegalArgumentException for any other. */
    public static SchedulerFlag fromIpvsadmName(String name) {
        Objects.requireNonNull(name, "name");
        for (SchedulerFlag f : values()) {
            if (f.ipvsadmName.equals(name.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("scheduler flag '" + name + "' is not one of "
                + "sh-fallback, sh-port, mh-fallback, mh-port, flag-1, flag-2, flag-3");
    }

    /** The IP_VS_SVC_F_SCHED* bits of a set of flags. */
    public static int toKernelBits(Set<SchedulerFlag> flags) {
        int bits = 0;
        for (SchedulerFlag f : flags) {
            bits |= f.kernelBit;
        }
        return bits;
    }

    /**
     * The flags that the IP_VS_SVC_F_SCHED* bits of {@code serviceFlags} mean for {@code scheduler};
     * other bits are ignored, so the whole IPVS_SVC_ATTR_FLAGS value may be passed.
     * The result is unmodifiable and canonical.
     */
    public static Set<SchedulerFlag> fromKernelBits(int serviceFlags, Scheduler scheduler) {
        Objects.requireNonNull(scheduler, "scheduler");
        EnumSet<SchedulerFlag> flags = EnumSet.noneOf(SchedulerFlag.class);
        for (int bit : new int[] {IpvsUapi.IP_VS_SVC_F_SCHED1, IpvsUapi.IP_VS_SVC_F_SCHED2,
                IpvsUapi.IP_VS_SVC_F_SCHED3}) {
            if ((serviceFlags & bit) != 0) {
                flags.add(forBit(bit, scheduler));
            }
        }
        return Collections.unmodifiableSet(flags);
    }

    /**
     * The canonical form of {@code flags} for {@code scheduler}: generic flags become the
     * scheduler's names for the same bit (flag-1 on sh is sh-fallback). A flag named for another
     * scheduler is an IllegalArgumentException, as in ipvsadm ("incompatible scheduler flag").
     */
    public static Set<SchedulerFlag> canonical(Set<SchedulerFlag> flags, Scheduler scheduler) {
        Objects.requireNonNull(flags, "scheduler flags");
        Objects.requireNonNull(scheduler, "scheduler");
        for (SchedulerFlag f : flags) {
            Objects.requireNonNull(f, "scheduler flag");
            if (f.scheduler != null && !f.scheduler.equals(scheduler)) {
                throw new IllegalArgumentException("scheduler flag " + f.ipvsadmName
                        + " needs scheduler " + f.scheduler + ", not " + scheduler);
            }
        }
        return fromKernelBits(toKernelBits(flags), scheduler);
    }

    private static SchedulerFlag forBit(int bit, Scheduler scheduler) {
        for (SchedulerFlag f : values()) {
            if (f.kernelBit == bit && scheduler.equals(f.scheduler)) {
                return f;
            }
        }
        for (SchedulerFlag f : values()) {
            if (f.kernelBit == bit && f.scheduler == null) {
                return f;
            }
        }
        throw new AssertionError("every scheduler bit has a generic flag");
    }
}
