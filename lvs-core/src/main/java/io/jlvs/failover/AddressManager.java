package io.jlvs.failover;

import io.jlvs.failover.AddressOutcome.Result;
import io.jlvs.netlink.route.AssignedAddress;
import io.jlvs.netlink.route.RouteClient;
import io.jlvs.netlink.route.RouteException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes and releases a director's floating addresses (VIPs, the NAT router address) as a unit, over
 * rtnetlink. Both operations are idempotent and safe to repeat: take adds what is missing, release
 * removes what this manager added. Every address is tried even when one fails; a failure is reported
 * ({@link FloatingAddressException} with the {@link AddressReport}), never rolled back behind the
 * caller's back, so the caller (the role state machine) decides what to do with a partial state.
 *
 * <p>Thread-safe: take, release and the ownership queries are serialized.
 */
public final class AddressManager {
    private static final Logger log = LoggerFactory.getLogger(AddressManager.class);

    /** Which addresses {@link #release()} may remove. */
    public enum Ownership {
        /** Only those this manager added (an address found already present is left alone on release). */
        ONLY_ADDED,
        /** Those it added, and those it found already present when taking (after a restart, say). */
        ADOPT_EXISTING,
        /** Every configured address, whoever added it: release clears stale VIPs at startup too. */
        ALL_CONFIGURED
    }

    private final RouteClient route;
    /** Replaced by {@link #reconfigure}; guarded by this. */
    private List<FloatingAddress> addresses;
    private final Ownership ownership;
    private final Set<FloatingAddress> ours = new HashSet<>();

    /** A manager that removes only what it added ({@link Ownership#ONLY_ADDED}). */
    public AddressManager(RouteClient route, List<FloatingAddress> addresses) {
        this(route, addresses, Ownership.ONLY_ADDED);
    }

    public AddressManager(RouteClient route, List<FloatingAddress> addresses, Ownership ownership) {
        this.route = Objects.requireNonNull(route, "route");
        this.addresses = distinct(addresses);
        this.ownership = Objects.requireNonNull(ownership, "ownership");
    }

    private static List<FloatingAddress> distinct(List<FloatingAddress> addresses) {
        List<FloatingAddress> list = List.copyOf(addresses);
        Set<String> seen = new HashSet<>();
        for (FloatingAddress a : list) {
            String key = a.interfaceName() + " " + a.ip().getHostAddress();
            if (!seen.add(key)) {
                throw new IllegalArgumentException("floating address " + a.ip().getHostAddress() + " on "
                        + a.interfaceName() + " is configured twice");
            }
        }
        return list;
    }

    public synchronized List<FloatingAddress> addresses() {
        return addresses;
    }

    /**
     * Replaces the configured addresses (a reload): those no longer configured are released as
     * {@link #release()} would, and, when {@code take} (this node holds its addresses: it is
     * active), the new ones are added; addresses in both lists are not touched, so their traffic
     * goes on. A changed prefix or label is a removal and an addition.
     *
     * @throws FloatingAddressException when any address could not be changed (the others were still tried;
     *                                  the new list is in place either way)
     */
    public synchronized AddressReport reconfigure(List<FloatingAddress> next, boolean take) {
        List<FloatingAddress> nextList = distinct(next);
        List<AddressOutcome> outcomes = new ArrayList<>();
        for (FloatingAddress a : addresses.reversed()) {
            if (!nextList.contains(a)) {
                outcomes.add(releaseOne(a));
            }
        }
        List<FloatingAddress> previous = addresses;
        addresses = nextList;
        if (take) {
            for (FloatingAddress a : nextList) {
                if (!previous.contains(a)) {
                    outcomes.add(takeOne(a));
                }
            }
        }
        return finish(new AddressReport("reconfigure floating addresses", outcomes));
    }

    /**
     * Adds every floating address that is not on its interface yet, in configuration order.
     *
     * @throws FloatingAddressException when any address could not be added (the others were still tried)
     */
    public synchronized AddressReport take() {
        List<AddressOutcome> outcomes = new ArrayList<>();
        for (FloatingAddress a : addresses) {
            outcomes.add(takeOne(a));
        }
        return finish(new AddressReport("take floating addresses", outcomes));
    }

    private AddressOutcome takeOne(FloatingAddress a) {
        try {
            if (route.addAddressIfAbsent(a.address())) {
                ours.add(a);
                log.info("took {}", a);
                return new AddressOutcome(a, Result.ADDED, null);
            }
            if (ownership != Ownership.ONLY_ADDED) {
                ours.add(a);
            } else if (!ours.contains(a)) {
                log.info("{} was already present; it will be left in place on release (ownership ONLY_ADDED)", a);
            }
            return new AddressOutcome(a, Result.ALREADY_PRESENT, null);
        } catch (RouteException e) {
            log.error("could not take {}: {}", a, e.getMessage());
            return new AddressOutcome(a, Result.FAILED, e.getMessage());
        }
    }

    /**
     * Removes the floating addresses this manager may remove (see {@link Ownership}), in reverse
     * configuration order. An address already gone counts as released.
     *
     * @throws FloatingAddressException when any address could not be removed (the others were still tried)
     */
    public synchronized AddressReport release() {
        List<AddressOutcome> outcomes = new ArrayList<>();
        for (FloatingAddress a : addresses.reversed()) {
            outcomes.add(releaseOne(a));
        }
        return finish(new AddressReport("release floating addresses", outcomes));
    }

    private AddressOutcome releaseOne(FloatingAddress a) {
        try {
            if (ours.contains(a) || ownership == Ownership.ALL_CONFIGURED) {
                boolean removed = route.deleteAddressIfPresent(a.address());
                ours.remove(a);
                if (removed) {
                    log.info("released {}", a);
                }
                return new AddressOutcome(a, removed ? Result.REMOVED : Result.NOT_PRESENT, null);
            }
            boolean present = route.hasAddress(a.address());
            return new AddressOutcome(a, present ? Result.LEFT_IN_PLACE : Result.NOT_PRESENT, null);
        } catch (RouteException e) {
            log.error("could not release {}: {}", a, e.getMessage());
            return new AddressOutcome(a, Result.FAILED, e.getMessage());
        }
    }

    /** Is {@code address} on its interface on this host now (asks the kernel)? */
    public synchronized boolean holds(FloatingAddress address) {
        return route.hasAddress(address.address());
    }

    /** For every configured address, whether it is on this host now (one kernel dump). */
    public synchronized Map<FloatingAddress, Boolean> ownership() {
        List<AssignedAddress> live = route.addresses();
        Map<FloatingAddress, Boolean> result = new LinkedHashMap<>();
        for (FloatingAddress a : addresses) {
            result.put(a, live.stream().anyMatch(l -> l.matches(a.address())));
        }
        return result;
    }

    /** True when every configured address is on this host now. */
    public boolean holdsAll() {
        return ownership().values().stream().allMatch(Boolean::booleanValue);
    }

    /** True when any configured address is on this host now. */
    public boolean holdsAny() {
        return ownership().values().stream().anyMatch(Boolean::booleanValue);
    }

    /** The addresses this manager added (or adopted) and has not released. */
    public synchronized Set<FloatingAddress> added() {
        return Set.copyOf(ours);
    }

    private static AddressReport finish(AddressReport report) {
        if (!report.succeeded()) {
            throw new FloatingAddressException(report);
        }
        return report;
    }
}
