package io.jlvs.ipvs;

import java.util.List;

/**
 * A scheduling algorithm, by the name the kernel knows it under (module {@code ip_vs_<name>}).
 * Any well-formed name is accepted, so out-of-tree schedulers work; {@link #known()} lists the
 * ones mainline Linux ships.
 *
 * @param name 1..15 characters of a-z, 0-9 and '_' (IP_VS_SCHEDNAME_MAXLEN is 16 with the NUL)
 */
public record Scheduler(String name) {
    /** Round robin. */
    public static final Scheduler RR = new Scheduler("rr");
    /** Weighted round robin. */
    public static final Scheduler WRR = new Scheduler("wrr");
    /** Least connection. */
    public static final Scheduler LC = new Scheduler("lc");
    /** Weighted least connection: ipvsadm's default. */
    public static final Scheduler WLC = new Scheduler("wlc");
    /** Locality-based least connection. */
    public static final Scheduler LBLC = new Scheduler("lblc");
    /** Locality-based least connection with replication. */
    public static final Scheduler LBLCR = new Scheduler("lblcr");
    /** Destination hashing. */
    public static final Scheduler DH = new Scheduler("dh");
    /** Source hashing; takes {@link SchedulerFlag#SH_FALLBACK} and {@link SchedulerFlag#SH_PORT}. */
    public static final Scheduler SH = new Scheduler("sh");
    /** Shortest expected delay. */
    public static final Scheduler SED = new Scheduler("sed");
    /** Never queue. */
    public static final Scheduler NQ = new Scheduler("nq");
    /** Weighted failover. */
    public static final Scheduler FO = new Scheduler("fo");
    /** Weighted overflow. */
    public static final Scheduler OVF = new Scheduler("ovf");
    /** Maglev hashing; takes {@link SchedulerFlag#MH_FALLBACK} and {@link SchedulerFlag#MH_PORT}. */
    public static final Scheduler MH = new Scheduler("mh");
    /** Weighted random twos choice (recent kernels only). */
    public static final Scheduler TWOS = new Scheduler("twos");
    /**
     * No scheduler: the kernel accepts "none" on add and edit (no module is loaded, new connections
     * are not scheduled) and reports "none" for such services. Not in {@link #known()}.
     */
    public static final Scheduler NONE = new Scheduler("none");

    private static final List<Scheduler> KNOWN =
            List.of(RR, WRR, LC, WLC, LBLC, LBLCR, DH, SH, SED, NQ, FO, OVF, MH, TWOS);

    public Scheduler {
        Checks.moduleName(name, "scheduler name", 15);
    }

    /** The scheduler with that name (equal to the constant when there is one). */
    public static Scheduler of(String name) {
        return new Scheduler(name);
    }

    /** The schedulers mainline Linux ships, each as a module ip_vs_NAME. */
    public static List<Scheduler> known() {
        return KNOWN;
    }

    /** Whether mainline Linux ships this scheduler (it may still be missing from a given kernel). */
    public boolean isBuiltIn() {
        return KNOWN.contains(this);
    }

    /** The kernel module that provides it, e.g. "ip_vs_mh"; the kernel loads it on demand. */
    public String moduleName() {
        return "ip_vs_" + name;
    }

    @Override
    public String toString() {
        return name;
    }
}
