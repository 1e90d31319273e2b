package io.jlvs.failover;

/**
 * Taking or releasing floating addresses failed for at least one address. Every address was still
 * tried; {@link #report()} says which were applied and which failed, and nothing was rolled back.
 */
public final class FloatingAddressException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient AddressReport report;

    public FloatingAddressException(AddressReport report) {
        super(report.action() + " failed for " + report.failures().size() + " of " + report.outcomes().size()
                + " addresses: " + report.failures() + "; applied: " + report.outcomes().stream()
                .filter(o -> o.result() != AddressOutcome.Result.FAILED).toList());
        this.report = report;
    }

    public AddressReport report() {
        return report;
    }
}
