package io.jlvs.ipvs;

/**
 * The kernel could not find or load the service's persistence engine module (ENOENT from
 * ip_vs_add_service or ip_vs_edit_service: "persistence engine module ip_vs_pe_NAME not found").
 */
public final class PersistenceEngineNotAvailableException extends IpvsException {
    private static final long serialVersionUID = 1L;

    private final String engine;

    public PersistenceEngineNotAvailableException(String operation, int errno, String kernelMessage, String engine) {
        this(operation, errno, kernelMessage, engine, null);
    }

    /** With {@code note} appended in parentheses, e.g. another possible cause. */
    public PersistenceEngineNotAvailableException(
            String operation, int errno, String kernelMessage, String engine, String note) {
        super(operation, errno, kernelMessage, "persistence engine '" + engine + "' not available: load kernel module "
                + moduleName(engine) + (note == null ? "" : " (" + note + ")"), null);
        this.engine = engine;
    }

    /** The engine that is missing, e.g. "sip". */
    public String engine() {
        return engine;
    }

    /** The module that provides it, e.g. "ip_vs_pe_sip". */
    public String moduleName() {
        return moduleName(engine);
    }

    private static String moduleName(String engine) {
        return "ip_vs_pe_" + engine;
    }
}
