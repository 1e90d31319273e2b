package io.jlvs.failover;

import io.jlvs.ipvs.IpvsClient;
import io.jlvs.ipvs.SyncDaemon;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a director does when its role changes, in the order that keeps exactly one owner per
 * address (issue 6; Piranha's pulse and keepalived do the same):
 * <ul>
 *   <li>entering ACTIVE: program the virtual services, then take the floating addresses (VIPs, NAT
 *       gateway) and announce them (gratuitous ARP / unsolicited NA), then run the sync daemon as
 *       master. Services first: a service on an address the host does not have yet receives nothing,
 *       but a VIP announced before its service exists hands the clients' packets of connections the
 *       peer synced to the local stack, which answers them with resets (seen in FailoverKernelIT when
 *       a graceful stop made the takeover fast enough for a client's packet to land in that gap);</li>
 *   <li>leaving ACTIVE: release the addresses first, then stop the services, then the sync daemon
 *       becomes backup (or stops, when the node stops);</li>
 *   <li>entering BACKUP (standing by): with {@link Builder#floatingAddresses}, the announcer opens the
 *       sockets it will send from ({@link Announcer#prepare}), so that the first gratuitous ARP of a
 *       takeover waits for no socket to be made;</li>
 *   <li>every change: the notify hooks run, in order.</li>
 * </ul>
 * A failing step is logged and the next ones still run: a service left unprogrammed is better than
 * addresses left behind. {@link #failures()} keeps the last failures for a status page.
 */
public final class Takeover implements RoleListener {
    private static final Logger LOG = LoggerFactory.getLogger(Takeover.class);
    private static final int FAILURES_KEPT = 16;

    private final ActiveDuty addresses;
    private final Optional<ActiveDuty.Action> announce;
    /** Makes the announcement ready (its sockets open) while standing by, off the takeover's path. */
    private final Optional<Runnable> prepareAnnouncement;
    private final ActiveDuty services;
    private final Optional<SyncControl> sync;
    private final List<RoleListener> hooks;
    private final List<String> failures = new ArrayList<>();
    /** The floating addresses, when built with {@link Builder#floatingAddresses}. */
    private final AddressManager manager;
    /** Serializes role changes with {@link #reconfigureAddresses}; guards {@link #active}. */
    private final Object roleLock = new Object();
    private boolean active;
    /** The current role change's steps and their times, for its summary line; guarded by roleLock. */
    private final List<TakeoverStep> currentSteps = new ArrayList<>();
    private volatile String lastTimeline = "";
    private volatile List<TakeoverStep> lastSteps = List.of();

    private Takeover(Builder b) {
        this.manager = b.manager;
        this.addresses = b.addresses;
        this.announce = Optional.ofNullable(b.announce);
        this.prepareAnnouncement = Optional.ofNullable(b.prepareAnnouncement);
        this.services = b.services;
        this.sync = Optional.ofNullable(b.sync);
        this.hooks = List.copyOf(b.hooks);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void onRoleChange(RoleChange change) {
        synchronized (roleLock) {
            steps(change);
        }
    }

    /**
     * Replaces the floating addresses (a reload that adds, removes or changes a VIP), serialized with
     * role changes so that an address is never added after this node left ACTIVE: while ACTIVE the new
     * ones are taken and the whole new list announced (gratuitous ARP, unsolicited NA); in any role the
     * ones no longer configured are released and no longer announced; unchanged ones are not touched.
     *
     * @throws IllegalStateException     when built without {@link Builder#floatingAddresses}
     * @throws FloatingAddressException  when an address could not be changed (the rest still were)
     */
    public AddressReport reconfigureAddresses(List<FloatingAddress> next) {
        if (manager == null) {
            throw new IllegalStateException("this takeover was built without floatingAddresses(manager, announcer)");
        }
        synchronized (roleLock) {
            AddressReport report = null;
            FloatingAddressException failed = null;
            try {
                report = manager.reconfigure(next, active);
            } catch (FloatingAddressException e) {
                failed = e;
            }
            if (active) {
                announce.ifPresent(a -> step("announce addresses", a));   // the whole new list
                currentSteps.clear();   // not a role change: keep no step of it for the next summary
            }
            if (failed != null) {
                throw failed;
            }
            return report;
        }
    }

    private void steps(RoleChange change) {
        long began = System.nanoTime();
        currentSteps.clear();
        if (change.becameActive()) {
            active = true;
            step("program services", services::start);
            boolean held = step("take addresses", addresses::start);
            if (held) {
                announce.ifPresent(a -> step("announce addresses", a));
            }
            sync.ifPresent(s -> step("sync daemon master", s::becomeMaster));
        } else if (change.leftActive()) {
            active = false;
            step("release addresses", addresses::stop);
            step("stop services", services::stop);
            if (change.current() == Role.STOPPED) {
                sync.ifPresent(s -> step("stop sync daemon", s::stopAll));
            } else {
                sync.ifPresent(s -> step("sync daemon backup", s::becomeBackup));
            }
        } else if (change.current() == Role.STOPPED) {
            sync.ifPresent(s -> step("stop sync daemon", s::stopAll));
        } else if (change.current() == Role.BACKUP) {
            sync.ifPresent(s -> step("sync daemon backup", s::becomeBackup));
        }
        if (change.current() == Role.BACKUP) {
            // Standing by: the announcement's sockets are opened now, not when the peer has died.
            prepareAnnouncement.ifPresent(Runnable::run);
        }
        Instant hooksBegan = Instant.now();
        long hooksNanos = System.nanoTime();
        for (RoleListener hook : hooks) {
            try {
                hook.onRoleChange(change);
            } catch (RuntimeException e) {
                record("notify hook " + hook + ": " + e);
            }
        }
        if (!hooks.isEmpty()) {
            currentSteps.add(new TakeoverStep("hooks", hooksBegan, Duration.ofNanos(System.nanoTime() - hooksNanos), true));
        }
        // The failover timeline in one line (with the election's "peer ... DEAD" line before it): where
        // the time between the decision and the last step went.
        StringBuilder line = new StringBuilder(change.previous() + " -> " + change.current() + " took "
                + millis(System.nanoTime() - began) + " ms");
        String separator = ": ";
        for (TakeoverStep s : currentSteps) {
            line.append(separator).append(s.name()).append(s.done() ? " " : " FAILED after ")
                    .append(s.took().toMillis()).append(" ms");
            separator = ", ";
        }
        lastSteps = List.copyOf(currentSteps);
        lastTimeline = line.toString();
        LOG.info("takeover: {}", lastTimeline);
    }

    private static long millis(long nanos) {
        return java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    /**
     * The last role change's timeline, e.g. "BACKUP -> ACTIVE took 12 ms: program services 8 ms, take
     * addresses 3 ms, announce addresses 1 ms"; empty before the first change.
     */
    public String lastTimeline() {
        return lastTimeline;
    }

    /**
     * The last role change's steps in order, with when each began on the wall clock and how long it
     * took (what {@link #lastTimeline()} says in words); empty before the first change.
     */
    public List<TakeoverStep> lastSteps() {
        return lastSteps;
    }

    /** The last failed steps, oldest first. */
    public synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    private boolean step(String name, ActiveDuty.Action action) {
        Instant wallBegan = Instant.now();
        long began = System.nanoTime();
        boolean done = false;
        try {
            action.run();
            done = true;
            LOG.info("takeover: {} done in {} ms", name, millis(System.nanoTime() - began));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            record(name + ": interrupted");
        } catch (Exception e) {
            record(name + ": " + e);
        }
        currentSteps.add(new TakeoverStep(name, wallBegan, Duration.ofNanos(System.nanoTime() - began), done));
        return done;
    }

    private synchronized void record(String failure) {
        LOG.error("takeover: {} failed", failure);
        if (failures.size() == FAILURES_KEPT) {
            failures.remove(0);
        }
        failures.add(failure);
    }

    /** Runs the connection-sync daemon as the role says (ipvsadm --start-daemon / --stop-daemon). */
    private static final class SyncControl {
        private final IpvsClient ipvs;
        private final SyncDaemon master;
        private final SyncDaemon backup;

        SyncControl(IpvsClient ipvs, SyncDaemon master, SyncDaemon backup) {
            this.ipvs = ipvs;
            this.master = master;
            this.backup = backup;
        }

        void becomeMaster() {
            stopIfRunning(SyncDaemon.State.BACKUP);
            startUnlessRunning(master);
        }

        void becomeBackup() {
            stopIfRunning(SyncDaemon.State.MASTER);
            startUnlessRunning(backup);
        }

        void stopAll() {
            stopIfRunning(SyncDaemon.State.MASTER);
            stopIfRunning(SyncDaemon.State.BACKUP);
        }

        private void startUnlessRunning(SyncDaemon daemon) {
            // Ask the kernel rather than remember: another process (or our previous run) may have started it.
            if (ipvs.syncDaemons().stream().noneMatch(d -> d.state() == daemon.state())) {
                ipvs.startSyncDaemon(daemon);
            }
        }

        private void stopIfRunning(SyncDaemon.State state) {
            if (ipvs.syncDaemons().stream().anyMatch(d -> d.state() == state)) {
                ipvs.stopSyncDaemon(state);
            }
        }
    }

    /** Builds a {@link Takeover}; every part is optional. Not thread-safe. */
    public static final class Builder {
        private static final ActiveDuty NONE = ActiveDuty.of(() -> {}, () -> {});
        private ActiveDuty addresses = NONE;
        private ActiveDuty.Action announce;
        private Runnable prepareAnnouncement;
        private ActiveDuty services = NONE;
        private SyncControl sync;
        private AddressManager manager;
        private final List<RoleListener> hooks = new ArrayList<>();

        private Builder() {}

        /** Takes (start) and releases (stop) the floating addresses: VIPs and the NAT gateway. */
        public Builder addresses(ActiveDuty addresses) {
            this.addresses = Objects.requireNonNull(addresses, "addresses");
            this.manager = null;   // these addresses are the caller's: no reconfigureAddresses
            this.prepareAnnouncement = null;
            return this;
        }

        /**
         * The floating addresses of {@code manager}, announced by {@code announcer} once taken. On leaving
         * ACTIVE the announcements stop before the addresses go, so no gratuitous ARP ever claims an
         * address this node no longer holds.
         */
        public Builder floatingAddresses(AddressManager manager, Announcer announcer) {
            Objects.requireNonNull(manager, "manager");
            Objects.requireNonNull(announcer, "announcer");
            this.manager = manager;
            this.addresses = ActiveDuty.of(manager::take, () -> {
                announcer.stop();
                manager.release();
            });
            this.announce = () -> announcer.announce(manager.addresses());
            this.prepareAnnouncement = () -> announcer.prepare(manager.addresses());
            return this;
        }

        /** Announces the addresses just taken (gratuitous ARP, unsolicited NA). */
        public Builder announce(ActiveDuty.Action announce) {
            this.announce = Objects.requireNonNull(announce, "announce");
            return this;
        }

        /** Programs (start) and removes (stop) the virtual services: the director's callback. */
        public Builder services(ActiveDuty services) {
            this.services = Objects.requireNonNull(services, "services");
            return this;
        }

        /**
         * Runs the sync daemon on {@code interfaceName} with {@code syncId}: master while ACTIVE,
         * backup otherwise, none once stopped.
         */
        public Builder syncDaemon(IpvsClient ipvs, String interfaceName, int syncId) {
            return syncDaemon(ipvs, SyncDaemon.master(interfaceName, syncId), SyncDaemon.backup(interfaceName, syncId));
        }

        /** As {@link #syncDaemon(IpvsClient, String, int)}, with the two daemons spelled out. */
        public Builder syncDaemon(IpvsClient ipvs, SyncDaemon master, SyncDaemon backup) {
            Objects.requireNonNull(ipvs, "ipvs");
            if (master.state() != SyncDaemon.State.MASTER || backup.state() != SyncDaemon.State.BACKUP) {
                throw new IllegalArgumentException("sync daemons must be a master and a backup, got " + master + " and "
                        + backup);
            }
            this.sync = new SyncControl(ipvs, master, backup);
            return this;
        }

        /** Runs after the steps of every change, in the order added (e.g. a {@link NotifyHook}). */
        public Builder hook(RoleListener hook) {
            hooks.add(Objects.requireNonNull(hook, "hook"));
            return this;
        }

        public Takeover build() {
            return new Takeover(this);
        }
    }
}
