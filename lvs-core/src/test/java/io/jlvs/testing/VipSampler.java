package io.jlvs.testing;

import io.jlvs.netlink.NetworkNamespace;
import io.jlvs.netlink.route.InterfaceAddress;
import io.jlvs.netlink.route.RouteClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads two directors' addresses over rtnetlink, over and over, to witness that a VIP is never held
 * by both at once. Two reads are never one instant: reading "1 holds" then "2 holds" can straddle a
 * correct handoff (1 released, then 2 took, between the reads). So a sample reads 1, 2 and 1 again
 * and counts two owners only when 1 held before and after the read of 2: then 1 held it all along,
 * and at the instant 2 was read both did. A sample that cannot be read is an error, never "does not
 * hold", which could hide two owners.
 */
public final class VipSampler implements AutoCloseable {
    public final AtomicLong samples = new AtomicLong();
    public final AtomicLong both = new AtomicLong();
    public final AtomicLong moves = new AtomicLong();
    public final AtomicLong errors = new AtomicLong();
    public volatile RuntimeException firstError;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final RouteClient one;
    private final RouteClient two;
    private final InterfaceAddress vip;
    private final Duration period;
    private volatile int owner;
    private Thread thread;

    public VipSampler(NetworkNamespace a, NetworkNamespace b, InterfaceAddress vip, Duration period) {
        this.one = RouteClient.open(a);
        this.two = RouteClient.open(b);
        this.vip = vip;
        this.period = period;
    }

    /** 1 or 2: who held the VIP at the last sample that saw an owner; 0 before any. */
    public int owner() {
        return owner;
    }

    /** Who holds the VIP now, read once from both namespaces: 1, 2, 0 for neither, 3 for both. */
    public int holderNow() {
        boolean on1 = one.hasAddress(vip);
        boolean on2 = two.hasAddress(vip);
        return (on1 ? 1 : 0) + (on2 ? 2 : 0);
    }

    public VipSampler start() {
        // Bounded: at most two hours of samples, far beyond any test's timeout.
        long rounds = Duration.ofHours(2).toMillis() / Math.max(1, period.toMillis());
        thread = Thread.ofPlatform().name("vip-sampler").daemon(true).start(() -> {
            for (long i = 0; i < rounds && running.get(); i++) {
                sample();
                try {
                    Thread.sleep(period);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        return this;
    }

    private void sample() {
        try {
            boolean on1 = one.hasAddress(vip);
            boolean on2 = two.hasAddress(vip);
            boolean on1After = one.hasAddress(vip);
            samples.incrementAndGet();
            if (on1 && on2 && on1After) {
                both.incrementAndGet();
            }
            int now = on1After ? 1 : on2 ? 2 : owner;
            if (now != owner && owner != 0) {
                moves.incrementAndGet();
            }
            owner = now;
        } catch (RuntimeException e) {
            if (errors.getAndIncrement() == 0) {
                firstError = e;
            }
        }
    }

    /** Stops sampling (bounded wait) and closes both clients. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        if (thread != null) {
            thread.join(10_000);
        }
        one.close();
        two.close();
    }
}
