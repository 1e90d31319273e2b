package io.jlvs.cli.jlvsd;

import io.jlvs.director.Director;
import io.jlvs.sys.Syscalls;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jlvsd under systemd's {@code Type=notify} (packaging/jlvsd.service): READY=1 once the director has
 * started (its first reconcile done, addresses taken as its role says), RELOADING=1 and READY=1 around
 * a SIGHUP reload, STOPPING=1, a STATUS= line (role, services in the kernel, failovers), and with
 * {@code WatchdogSec=} a WATCHDOG=1 every half period, but only while {@link Director#responsive}
 * says the director's own loop still turns: a director stuck on the kernel is restarted by systemd
 * instead of lingering. Does nothing when not started by systemd with a notify socket.
 */
final class SystemdLifecycle implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SystemdLifecycle.class);
    /** STATUS is refreshed this often without a watchdog. */
    private static final Duration STATUS_EVERY = Duration.ofSeconds(5);

    private final Optional<SystemdNotifier> notifier;
    private final Thread ticker;
    private volatile boolean closed;

    private SystemdLifecycle(Optional<SystemdNotifier> notifier, Thread ticker) {
        this.notifier = notifier;
        this.ticker = ticker;
    }

    /** After {@code director} started: READY=1, and the watchdog/status ticks if systemd asked for them. */
    static SystemdLifecycle started(Director director, Map<String, String> env, Syscalls sys) {
        Optional<SystemdNotifier> notifier;
        Optional<Duration> watchdog;
        try {
            notifier = SystemdNotifier.fromEnvironment(env, sys);
            watchdog = SystemdNotifier.watchdogInterval(env, ProcessHandle.current().pid());
        } catch (IllegalArgumentException e) {
            LOG.warn("event=systemd_notify result=ignored reason=\"{}\"", e.getMessage());
            return new SystemdLifecycle(Optional.empty(), null);
        }
        if (notifier.isEmpty()) {
            return new SystemdLifecycle(notifier, null);
        }
        notifier.get().send("READY=1\nSTATUS=" + status(director));
        SystemdLifecycle[] self = new SystemdLifecycle[1];
        Duration tick = watchdog.filter(w -> w.compareTo(STATUS_EVERY) < 0).orElse(STATUS_EVERY);
        Thread ticker = Thread.ofPlatform().daemon(true).name("jlvsd-systemd").unstarted(
                () -> self[0].tick(director, tick, watchdog.isPresent()));
        self[0] = new SystemdLifecycle(notifier, ticker);
        ticker.start();
        LOG.info("event=systemd_notify ready=1 watchdog={}", watchdog.map(w -> w.multipliedBy(2).toString()).orElse("off"));
        return self[0];
    }

    private void tick(Director director, Duration tick, boolean watchdog) {
        boolean stuck = false;
        while (!closed) {
            try {
                Thread.sleep(tick);
            } catch (InterruptedException e) {
                return;
            }
            if (closed) {
                return;
            }
            String status = "STATUS=" + status(director);
            if (!watchdog) {
                notifier.get().send(status);
            } else if (director.responsive(tick)) {
                notifier.get().send("WATCHDOG=1\n" + status);
                stuck = false;
            } else if (!stuck) {
                stuck = true;
                LOG.error("event=watchdog result=missed reason=\"the director's loop did not answer within {}\"", tick);
            }
        }
    }

    /** SIGHUP received: the reload starts. MONOTONIC_USEC is what Type=notify-reload expects with it. */
    void reloading() {
        notifier.ifPresent(n -> n.send("RELOADING=1\nMONOTONIC_USEC=" + System.nanoTime() / 1000));
    }

    /** The reload is over, applied or refused (the old configuration runs on): ready again. */
    void reloaded(Director director) {
        notifier.ifPresent(n -> n.send("READY=1\nSTATUS=" + status(director)));
    }

    /** The stop begins. */
    void stopping() {
        notifier.ifPresent(n -> n.send("STOPPING=1\nSTATUS=stopping"));
    }

    /** "role ACTIVE, 2/2 services programmed, 1 failover": {@link Director#statusLine}. */
    static String status(Director director) {
        return director.statusLine();
    }

    @Override
    public void close() {
        closed = true;
        if (ticker != null) {
            ticker.interrupt();
        }
        notifier.ifPresent(SystemdNotifier::close);
    }
}
