package io.jlvs.netlink.route;

import java.util.Objects;
import java.util.Optional;

/**
 * What became of one address of {@link RouteClient#addAddresses} or {@link RouteClient#deleteAddresses}.
 *
 * @param address the address
 * @param result  changed, already as asked, or failed
 * @param error   why it failed (the kernel's errno and text, a missing interface, a broken socket);
 *                present exactly when {@code result} is {@link Result#FAILED}
 */
public record AddressChange(InterfaceAddress address, Result result, Optional<RouteException> error) {

    public enum Result {
        /** Added (or deleted) by this call. */
        CHANGED,
        /** Already there (an add) or already gone (a delete): nothing to do. */
        UNCHANGED,
        /** Not changed, or not known to be: see {@link #error()}. */
        FAILED
    }

    public AddressChange {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(error, "error");
        if (error.isPresent() != (result == Result.FAILED)) {
            throw new IllegalArgumentException("an error goes with FAILED and only with it: " + result + ", " + error);
        }
    }
}
