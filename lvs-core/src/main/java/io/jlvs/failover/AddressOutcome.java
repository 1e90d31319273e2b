package io.jlvs.failover;

/**
 * What happened to one floating address in a take or release.
 *
 * @param error why it failed (FAILED only), with the operation and what to fix
 */
public record AddressOutcome(FloatingAddress address, Result result, String error) {

    /** The verdict for one address. */
    public enum Result {
        /** take: this call added it. */
        ADDED,
        /** take: it was already on the interface. */
        ALREADY_PRESENT,
        /** release: this call removed it. */
        REMOVED,
        /** release: it was not there (someone else removed it, or it was never taken). */
        NOT_PRESENT,
        /** release: it is there but this manager did not add it, so it was left alone. */
        LEFT_IN_PLACE,
        /** The kernel refused; see {@link #error()}. */
        FAILED
    }

    @Override
    public String toString() {
        return address + ": " + result + (error != null ? " (" + error + ")" : "");
    }
}
