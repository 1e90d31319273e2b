package io.jlvs.ipvs;

/**
 * The kernel could not find or load the service's scheduler module (ENOENT from ip_vs_add_service
 * or ip_vs_edit_service: "Scheduler module ip_vs_NAME not found"). The library never loads modules
 * itself; the message says which one to load.
 */
public final class SchedulerNotAvailableException extends IpvsException {
    private static final long serialVersionUID = 1L;

    private final String scheduler;

    public SchedulerNotAvailableException(String operation, int errno, String kernelMessage, Scheduler scheduler) {
        this(operation, errno, kernelMessage, scheduler, null);
    }

    /** With {@code note} appended in parentheses, e.g. another possible cause. */
    public SchedulerNotAvailableException(
            String operation, int errno, String kernelMessage, Scheduler scheduler, String note) {
        super(operation, errno, kernelMessage, "scheduler '" + scheduler.name() + "' not available: load kernel module "
                + scheduler.moduleName() + (note == null ? "" : " (" + note + ")"), null);
        this.scheduler = scheduler.name();
    }

    /** The scheduler that is missing. */
    public Scheduler scheduler() {
        return Scheduler.of(scheduler);
    }
}
