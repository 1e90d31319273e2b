package io.jlvs.failover;

import io.jlvs.failover.internal.net.PacketSocket;
import io.jlvs.netlink.NetworkNamespace;
import io.jlvs.netlink.route.Link;
import io.jlvs.netlink.route.MacAddress;
import io.jlvs.netlink.route.RouteClient;
import io.jlvs.netlink.route.RouteException;
import io.jlvs.sys.Syscalls;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the segment where floating addresses now live: gratuitous ARP for IPv4, unsolicited neighbour
 * advertisements for IPv6, sent from AF_PACKET sockets (no arping process). On takeover it sends a
 * burst ({@link Builder#count} rounds, {@link Builder#interval} apart; Piranha's 5 at 1 s by default,
 * sub-second allowed), then optionally refreshes every {@link Builder#refresh} period until stopped.
 * A new {@link #announce} replaces the previous schedule; {@link #stop()} cancels it (on demotion);
 * {@link #close()} also closes the sockets and the timer thread.
 *
 * <p>Interfaces (index and MAC) are looked up when {@link #announce} is called. Thread-safe.
 */
public final class Announcer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Announcer.class);
    public static final int DEFAULT_COUNT = 5;
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    private static final Duration MIN_INTERVAL = Duration.ofMillis(10);

    private final RouteClient route;
    private final NetworkNamespace namespace;
    private final Syscalls sys;
    private final int count;
    private final Duration interval;
    private final Duration refresh;
    private final boolean arpReplies;
    private final Map<String, Target> sockets = new HashMap<>();
    private final AtomicLong framesSent = new AtomicLong();
    private ScheduledExecutorService timer;
    private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();
    private CountDownLatch burst = new CountDownLatch(0);
    private boolean closed;
    /** Bumped by every announce and stop, so a round scheduled before never sends after. */
    private long generation;

    private record Target(Link link, PacketSocket socket) {}

    private Announcer(Builder b) {
        this.route = b.route;
        this.namespace = b.namespace != null ? b.namespace : b.route.namespace();
        this.sys = b.sys != null ? b.sys : Syscalls.system();
        this.count = b.count;
        this.interval = b.interval;
        this.refresh = b.refresh;
        this.arpReplies = b.arpReplies;
    }

    /** An announcer using {@code route} to look up interfaces, sending in the route client's namespace. */
    public static Builder builder(RouteClient route) {
        return new Builder(route);
    }

    /**
     * Sends the first round now (so a failure is thrown to the caller), schedules the rest of the
     * burst and the refresh, and replaces any schedule running before.
     *
     * @throws AnnouncementException when the first round failed for some address (the schedule still
     *                               runs for all of them: an interface may come up later)
     */
    public synchronized void announce(List<FloatingAddress> addresses) {
        ensureOpen();
        List<FloatingAddress> list = List.copyOf(addresses);
        cancelSchedule();
        long thisGeneration = generation;
        burst = new CountDownLatch(count - 1);
        CountDownLatch thisBurst = burst;
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform()
                    .name("jlvs-announcer").daemon(true).unstarted(r));
        }
        for (int round = 1; round < count; round++) {
            int n = round;
            scheduled.add(timer.schedule(() -> {
                try {
                    quietRound(thisGeneration, list, "round " + (n + 1) + " of " + count);
                } finally {
                    thisBurst.countDown();
                }
            }, interval.toNanos() * round, TimeUnit.NANOSECONDS));
        }
        if (refresh != null) {
            long first = interval.toNanos() * (count - 1) + refresh.toNanos();
            scheduled.add(timer.scheduleAtFixedRate(() -> quietRound(thisGeneration, list, "refresh"), first, refresh.toNanos(),
                    TimeUnit.NANOSECONDS));
        }
        announceOnce(list);
    }

    /**
     * Opens the packet sockets that announcing {@code addresses} needs, ahead of time: a takeover's
     * first gratuitous ARP then waits for no socket to be made (in another namespace, a thread of its
     * own to enter it), only for the interface's look-up and the send. An interface missing or without
     * an Ethernet address now is skipped (logged): {@link #announce} looks again and says why it cannot.
     */
    public void prepare(List<FloatingAddress> addresses) {
        for (String name : addresses.stream().map(FloatingAddress::interfaceName).distinct().toList()) {
            try {
                target(name);
            } catch (IOException | RouteException | IllegalStateException e) {
                log.info("not preparing announcements on {} yet: {}", name, e.getMessage());
            }
        }
    }

    /** Sends one round now, for every address, and nothing later. */
    public void announceOnce(List<FloatingAddress> addresses) {
        List<String> failures = new ArrayList<>();
        for (FloatingAddress a : addresses) {
            try {
                send(a);
            } catch (IOException | RouteException | IllegalStateException e) {
                failures.add(a + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new AnnouncementException(failures);
        }
    }

    /** Waits until the scheduled rounds of the current burst have been sent (or cancelled); false on timeout. */
    public boolean awaitBurst(Duration timeout) throws InterruptedException {
        CountDownLatch current;
        synchronized (this) {
            current = burst;
        }
        return current.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Frames sent since this announcer was made. */
    public long framesSent() {
        return framesSent.get();
    }

    /** Cancels the rest of the burst and the refresh (the sockets stay open for a later announce). */
    public synchronized void stop() {
        cancelSchedule();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        cancelSchedule();
        if (timer != null) {
            timer.shutdownNow();
        }
        sockets.values().forEach(t -> t.socket().close());
        sockets.clear();
    }

    private void cancelSchedule() {
        generation++;
        scheduled.forEach(f -> f.cancel(false));
        scheduled.clear();
        while (burst.getCount() > 0) {
            burst.countDown();
        }
    }

    private synchronized void quietRound(long roundGeneration, List<FloatingAddress> addresses, String which) {
        if (roundGeneration != generation || closed) {
            return; // stopped or replaced after this round was scheduled
        }
        try {
            announceOnce(addresses);
        } catch (AnnouncementException | IllegalStateException e) {
            log.warn("announcement {}: {}", which, e.getMessage());
        }
    }

    private void send(FloatingAddress a) throws IOException {
        Target t = target(a.interfaceName());
        MacAddress mac = t.link().mac();
        if (a.ip() instanceof Inet4Address v4) {
            t.socket().send(GratuitousArp.request(mac, v4), MacAddress.BROADCAST);
            framesSent.incrementAndGet();
            if (arpReplies) {
                t.socket().send(GratuitousArp.reply(mac, v4), MacAddress.BROADCAST);
                framesSent.incrementAndGet();
            }
        } else {
            t.socket().send(NeighbourAdvertisement.unsolicited(mac, (Inet6Address) a.ip()), NeighbourAdvertisement.ALL_NODES_MAC);
            framesSent.incrementAndGet();
        }
    }

    private synchronized Target target(String interfaceName) throws IOException {
        ensureOpen();
        Link link = route.requireLink(interfaceName);
        if (link.mac() == null || link.mac().equals(MacAddress.ZERO)) {
            throw new IOException("interface " + interfaceName + " has no Ethernet address to announce from");
        }
        Target t = sockets.get(interfaceName);
        if (t != null && t.link().index() == link.index() && t.link().mac().equals(link.mac())) {
            return t;
        }
        if (t != null) {
            t.socket().close(); // the interface was recreated or its MAC changed
        }
        // EtherType 0: send-only, so frames arriving on the interface never queue up on this socket.
        PacketSocket socket = PacketSocket.open(sys, namespace, interfaceName, link.index(), 0, Duration.ofSeconds(1));
        t = new Target(link, socket);
        sockets.put(interfaceName, t);
        return t;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("announcer closed");
        }
    }

    /** Settings of an {@link Announcer}. */
    public static final class Builder {
        private final RouteClient route;
        private NetworkNamespace namespace;
        private Syscalls sys;
        private int count = DEFAULT_COUNT;
        private Duration interval = DEFAULT_INTERVAL;
        private Duration refresh;
        private boolean arpReplies;

        private Builder(RouteClient route) {
            this.route = Objects.requireNonNull(route, "route");
        }

        /** Rounds sent per takeover, 1..1000 (default 5). */
        public Builder count(int rounds) {
            if (rounds < 1 || rounds > 1000) {
                throw new IllegalArgumentException("announcement count must be 1..1000, got " + rounds);
            }
            this.count = rounds;
            return this;
        }

        /** Time between rounds of a burst, at least 10 ms (default 1 s). */
        public Builder interval(Duration between) {
            if (between == null || between.compareTo(MIN_INTERVAL) < 0) {
                throw new IllegalArgumentException("announcement interval must be at least " + MIN_INTERVAL.toMillis()
                        + " ms, got " + between);
            }
            this.interval = between;
            return this;
        }

        /** Re-announce every {@code period} after the burst until stopped; null (default) for never. At least 1 s. */
        public Builder refresh(Duration period) {
            if (period != null && period.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("announcement refresh period must be at least 1 s, got " + period);
            }
            this.refresh = period;
            return this;
        }

        /** Also send the ARP reply form of each gratuitous ARP, as keepalived does (default: request form only). */
        public Builder arpReplies(boolean also) {
            this.arpReplies = also;
            return this;
        }

        /** The namespace to open packet sockets in (default: the route client's). */
        public Builder namespace(NetworkNamespace ns) {
            this.namespace = ns;
            return this;
        }

        public Builder syscalls(Syscalls backend) {
            this.sys = backend;
            return this;
        }

        public Announcer build() {
            return new Announcer(this);
        }
    }
}
