package io.jlvs.netlink.route;

import static io.jlvs.netlink.route.internal.RouteUapi.RTM_DELLINK;
import static io.jlvs.netlink.route.internal.RouteUapi.RTM_NEWLINK;
import static io.jlvs.netlink.route.internal.RouteUapi.RTNLGRP_LINK;

import io.jlvs.netlink.Message;
import io.jlvs.netlink.NetlinkException;
import io.jlvs.netlink.NetlinkSocket;
import io.jlvs.netlink.NetworkNamespace;
import io.jlvs.netlink.route.internal.RouteCodec;
import io.jlvs.sys.Errno;
import io.jlvs.sys.LinuxConstants;
import io.jlvs.sys.Syscalls;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the interfaces of a network namespace through the kernel's link notifications (rtnetlink
 * group RTNLGRP_LINK), as {@code ip monitor link} does: no polling. The listener is called on the
 * monitor's own thread with every interface's state, once at start and again after each change the
 * kernel reports (administratively up or down, carrier, operational state, an interface added or
 * removed). When the kernel had to drop notifications (the socket's buffer overflowed) the monitor
 * lists the interfaces again, so the listener never keeps a stale state.
 *
 * <pre>{@code
 * try (LinkMonitor m = LinkMonitor.start(namespace, links -> ...)) { ... }
 * }</pre>
 */
public final class LinkMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LinkMonitor.class);
    /** How often the thread looks at the closed flag while no notification comes. */
    private static final Duration WAKE = Duration.ofMillis(500);
    private static final int BUFFER_BYTES = 64 * 1024;

    private final NetlinkSocket events;
    private final RouteClient route;
    private final Consumer<List<Link>> listener;
    private final Map<Integer, Link> links = new TreeMap<>();
    private final Thread thread;
    private volatile boolean closed;

    private LinkMonitor(NetlinkSocket events, RouteClient route, Consumer<List<Link>> listener) {
        this.events = events;
        this.route = route;
        this.listener = listener;
        this.thread = Thread.ofPlatform().name("jlvs-link-monitor").daemon(true).unstarted(this::run);
    }

    /** Starts watching {@code namespace}; the listener has had the first full list when this returns. */
    public static LinkMonitor start(NetworkNamespace namespace, Consumer<List<Link>> listener) {
        return start(namespace, Syscalls.system(), listener);
    }

    public static LinkMonitor start(NetworkNamespace namespace, Syscalls sys, Consumer<List<Link>> listener) {
        NetlinkSocket events = namespace.call(sys, () -> NetlinkSocket.open(sys, LinuxConstants.NETLINK_ROUTE, WAKE));
        RouteClient route = null;
        try {
            // Join before listing: a change between the two arrives as a notification, never lost.
            events.joinGroup(RTNLGRP_LINK);
            route = RouteClient.open(namespace, sys);
            LinkMonitor monitor = new LinkMonitor(events, route, listener);
            monitor.relist();
            monitor.thread.start();
            return monitor;
        } catch (RuntimeException e) {
            events.close();
            if (route != null) {
                route.close();
            }
            throw e;
        }
    }

    private void relist() {
        List<Link> all = route.links();
        synchronized (links) {
            links.clear();
            all.forEach(l -> links.put(l.index(), l));
        }
        publish();
    }

    private void publish() {
        List<Link> snapshot;
        synchronized (links) {
            snapshot = List.copyOf(links.values());
        }
        try {
            listener.accept(snapshot);
        } catch (RuntimeException e) {
            LOG.error("link monitor listener failed", e);
        }
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.nativeOrder());
        int failures = 0;
        while (!closed) {
            try {
                int n = events.receive(buffer);
                boolean[] changed = {false};
                Message.parseAll(buffer, n, m -> changed[0] |= apply(m));
                if (changed[0]) {
                    publish();
                }
                failures = 0;
            } catch (NetlinkException e) {
                if (closed) {
                    return;
                }
                if (e.errno() == Errno.EAGAIN) {
                    continue;
                }
                if (e.errno() == Errno.ENOBUFS) {
                    LOG.warn("link notifications were dropped by the kernel (receive buffer full); listing the interfaces again");
                } else {
                    LOG.error("link monitor: {}; listing the interfaces again", e.getMessage());
                }
                failures = recover(failures);
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.error("link monitor: unexpected failure; listing the interfaces again", e);
                failures = recover(failures);
            }
        }
    }

    /** Lists the interfaces again after a failure; backs off up to 5 s while failures repeat. */
    private int recover(int failures) {
        if (failures > 0) {
            try {
                Thread.sleep(Math.min(5_000, 100L << Math.min(failures, 6)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closed = true;
                return failures;
            }
        }
        try {
            relist();
            return 0;
        } catch (RuntimeException e) {
            LOG.error("link monitor: cannot list the interfaces: {}", e.getMessage());
            return failures + 1;
        }
    }

    private boolean apply(Message m) {
        if (m.type() != RTM_NEWLINK && m.type() != RTM_DELLINK || m.payloadLength() < 1) {
            return false;
        }
        if (m.buffer().get(m.payloadOffset()) != LinuxConstants.AF_UNSPEC) {
            return false;   // AF_BRIDGE copies (a port joining or leaving a bridge) are not the interface itself
        }
        Link link = RouteCodec.readLink(m);
        synchronized (links) {
            if (m.type() == RTM_DELLINK) {
                return links.remove(link.index()) != null;
            }
            return !link.equals(links.put(link.index(), link));
        }
    }

    /** Every interface as last reported. */
    public List<Link> links() {
        synchronized (links) {
            return List.copyOf(links.values());
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            thread.join(WAKE.multipliedBy(4).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.close();
        route.close();
    }
}
