package io.jlvs.failover;

import io.jlvs.failover.AddressOutcome.Result;
import io.jlvs.netlink.route.AddressChange;
import io.jlvs.netlink.route.AssignedAddress;
import io.jlvs.netlink.route.RouteClient;
import java.util.ArrayList;
import java.util.HashMap;
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
    /** The most addresses a take or release logs one by one at INFO, and the most failures it lists. */
    static final int LINES = 50;

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
        Set<FloatingAddress> nextSet = new HashSet<>(nextList);
        Set<FloatingAddress> previous = new HashSet<>(addresses);
        List<AddressOutcome> outcomes = new ArrayList<>(releaseAll(addresses.reversed().stream()
                .filter(a -> !nextSet.contains(a)).toList()));
        addresses = nextList;
        if (take) {
            outcomes.addAll(takeAll(nextList.stream().filter(a -> !previous.contains(a)).toList()));
        }
        return finish(new AddressReport("reconfigure floating addresses", outcomes));
    }

    /**
     * Adds every floating address that is not on its interface yet, in configuration order, many to
     * a netlink send ({@link RouteClient#addAddresses}).
     *
     * @throws FloatingAddressException when any address could not be added (the others were still tried)
     */
    public synchronized AddressReport take() {
        return finish(new AddressReport("take floating addresses", takeAll(addresses)));
    }

    private List<AddressOutcome> takeAll(List<FloatingAddress> list) {
        if (list.isEmpty()) {
            return List.of();
        }
        long began = System.nanoTime();
        List<AddressChange> changes = route.addAddresses(list.stream().map(FloatingAddress::address).toList());
        boolean oneByOne = list.size() <= LINES;
        List<AddressOutcome> outcomes = new ArrayList<>(list.size());
        int failed = 0;
        for (int i = 0; i < list.size(); i++) {
            FloatingAddress a = list.get(i);
            AddressChange c = changes.get(i);
            switch (c.result()) {
                case CHANGED -> {
                    ours.add(a);
                    line(oneByOne, "took {}", a);
                    outcomes.add(new AddressOutcome(a, Result.ADDED, null));
                }
                case UNCHANGED -> {
                    if (ownership != Ownership.ONLY_ADDED) {
                        ours.add(a);
                    } else if (!ours.contains(a)) {
                        line(oneByOne, "{} was already present; it will be left in place on release (ownership ONLY_ADDED)", a);
                    }
                    outcomes.add(new AddressOutcome(a, Result.ALREADY_PRESENT, null));
                }
                case FAILED -> {
                    String why = c.error().orElseThrow().getMessage();
                    if (++failed <= LINES) {
                        log.error("could not take {}: {}", a, why);
                    }
                    outcomes.add(new AddressOutcome(a, Result.FAILED, why));
                }
            }
        }
        summary("took", outcomes, began);
        return outcomes;
    }

    /**
     * Removes the floating addresses this manager may remove (see {@link Ownership}), in reverse
     * configuration order, many to a netlink send. An address already gone counts as released.
     *
     * @throws FloatingAddressException when any address could not be removed (the others were still tried)
     */
    public synchronized AddressReport release() {
        return finish(new AddressReport("release floating addresses", releaseAll(addresses.reversed())));
    }

    private List<AddressOutcome> releaseAll(List<FloatingAddress> list) {
        if (list.isEmpty()) {
            return List.of();
        }
        long began = System.nanoTime();
        List<FloatingAddress> mine = list.stream().filter(a -> ours.contains(a) || ownership == Ownership.ALL_CONFIGURED).toList();
        Map<FloatingAddress, AddressChange> removed = new HashMap<>();
        List<AddressChange> changes = route.deleteAddresses(mine.stream().map(FloatingAddress::address).toList());
        for (int i = 0; i < mine.size(); i++) {
            removed.put(mine.get(i), changes.get(i));
        }
        // Those it may not remove: one dump says which are still there (not one per address).
        List<AssignedAddress> live = mine.size() == list.size() ? List.of() : route.addresses();
        boolean oneByOne = list.size() <= LINES;
        List<AddressOutcome> outcomes = new ArrayList<>(list.size());
        int failed = 0;
        for (FloatingAddress a : list) {
            AddressChange c = removed.get(a);
            if (c == null) {
                boolean present = live.stream().anyMatch(l -> l.matches(a.address()));
                outcomes.add(new AddressOutcome(a, present ? Result.LEFT_IN_PLACE : Result.NOT_PRESENT, null));
                continue;
            }
            switch (c.result()) {
                case CHANGED -> {
                    ours.remove(a);
                    line(oneByOne, "released {}", a);
                    outcomes.add(new AddressOutcome(a, Result.REMOVED, null));
                }
                case UNCHANGED -> {
                    ours.remove(a);
                    outcomes.add(new AddressOutcome(a, Result.NOT_PRESENT, null));
                }
                case FAILED -> {
                    String why = c.error().orElseThrow().getMessage();
                    if (++failed <= LINES) {
                        log.error("could not release {}: {}", a, why);
                    }
                    outcomes.add(new AddressOutcome(a, Result.FAILED, why));
                }
            }
        }
        summary("released", outcomes, began);
        return outcomes;
    }

    /** A line per address at INFO for a few addresses; for many, DEBUG (the summary says it at INFO). */
    private static void line(boolean oneByOne, String format, FloatingAddress a) {
        if (oneByOne) {
            log.info(format, a);
        } else {
            log.debug(format, a);
        }
    }

    /** For more than {@link #LINES} addresses, one INFO line with the counts and the time. */
    private static void summary(String verb, List<AddressOutcome> outcomes, long began) {
        if (outcomes.size() <= LINES) {
            return;
        }
        Map<Result, Long> counts = new java.util.EnumMap<>(Result.class);
        outcomes.forEach(o -> counts.merge(o.result(), 1L, Long::sum));
        log.info("{} {} floating addresses in {} ms: {}", verb, outcomes.size(),
                java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began), counts);
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
