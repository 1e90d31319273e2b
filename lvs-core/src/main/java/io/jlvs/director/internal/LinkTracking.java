package io.jlvs.director.internal;

import io.jlvs.failover.SelfCheck;
import io.jlvs.netlink.route.Link;
import io.jlvs.netlink.route.OperState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code monitor_links = 1}: the director is at fault while one of the interfaces it depends on (those
 * that carry a VIP, the NAT router address or a heartbeat path) is down: missing, administratively down,
 * or without carrier. Fed by a {@link io.jlvs.netlink.route.LinkMonitor} (the kernel's link
 * notifications); read by the heartbeat thread as its {@link SelfCheck}, so it only reads a field.
 * An interface counts as up like keepalived's tracking judges it (IFF_UP and IFF_RUNNING): up, with an
 * operational state of UP, or UNKNOWN for the interfaces that report none (loopback, dummy).
 */
final class LinkTracking implements SelfCheck {
    private static final Logger log = LoggerFactory.getLogger(LinkTracking.class);

    private final Set<String> tracked;
    private volatile Optional<String> fault = Optional.empty();
    private Map<String, String> lastProblems = Map.of();

    LinkTracking(Set<String> tracked) {
        if (tracked.isEmpty()) {
            throw new IllegalArgumentException("monitor_links: no interface to track");
        }
        this.tracked = new TreeSet<>(tracked);
    }

    Set<String> tracked() {
        return tracked;
    }

    /** Every interface as the kernel reports it now. */
    synchronized void update(List<Link> links) {
        Map<String, Link> byName = new HashMap<>();
        links.forEach(l -> byName.put(l.name(), l));
        Map<String, String> problems = new java.util.TreeMap<>();
        for (String name : tracked) {
            problem(byName.get(name)).ifPresent(p -> problems.put(name, p));
        }
        for (String name : tracked) {
            String before = lastProblems.get(name);
            String now = problems.get(name);
            if (now != null && !now.equals(before)) {
                log.warn(Kv.line("event", "link", "interface", name, "state", "down", "reason", now));
            } else if (now == null && before != null) {
                log.info(Kv.line("event", "link", "interface", name, "state", "up"));
            }
        }
        lastProblems = Map.copyOf(problems);
        fault = problems.isEmpty() ? Optional.empty() : Optional.of(problems.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", ")));
    }

    private static Optional<String> problem(Link link) {
        if (link == null) {
            return Optional.of("is gone");
        }
        if (!link.up()) {
            return Optional.of("is down");
        }
        if (link.operState() != OperState.UP && link.operState() != OperState.UNKNOWN) {
            return Optional.of("has no carrier (" + link.operState() + ")");
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> fault() {
        return fault;
    }
}
