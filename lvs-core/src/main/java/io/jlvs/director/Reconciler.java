package io.jlvs.director;

import io.jlvs.ipvs.BatchResult;
import io.jlvs.ipvs.ForwardingMethod;
import io.jlvs.ipvs.IpvsClient;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerAddress;
import io.jlvs.ipvs.ServiceKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the kernel's IPVS table equal to a {@link DesiredTable} by applying only the difference, in
 * one batch. It never flushes and never deletes and re-adds a service or real server whose key stays
 * the same: settings are edited in place (IPVS_CMD_SET_SERVICE, IPVS_CMD_SET_DEST), so established
 * connections survive a reload. A changed key (protocol, address, port, mark) is a delete and an add.
 *
 * <p>{@link #plan(DesiredTable, LiveTable)} is pure. An instance remembers the last table it applied
 * successfully, which is how it tells its own changes from drift: a difference on an object whose
 * desired state has not changed since then was made by someone else (ipvsadm, another daemon), and
 * is repaired and logged as drift. An instance manages the whole IPVS table of the client's
 * namespace: services it does not know are removed ({@link Director} manages only its own, through
 * {@link #plan(DesiredTable, LiveTable, Predicate)}).
 *
 * <p>Thread-safe: reconciles are serialised.
 */
public final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    private final IpvsClient client;
    private final ReentrantLock lock = new ReentrantLock();
    private DesiredTable lastApplied; // guarded by lock; null until the first complete apply

    public Reconciler(IpvsClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * The steps that turn {@code live} into {@code desired}, in a safe order: first every deletion
     * (the real servers of a service, then the service), then for each desired service in order its
     * addition or edit followed by its real servers' additions and edits. Only the settings the
     * director manages are compared; counters are not part of the tables.
     */
    public static Plan plan(DesiredTable desired, LiveTable live) {
        return plan(desired, live, key -> true);
    }

    /**
     * As {@link #plan(DesiredTable, LiveTable)}, managing only the services {@code owned} accepts and
     * those in {@code desired}: any other live service is someone else's (made by hand, by another
     * daemon) and is neither edited nor deleted, only listed in {@link Plan#leftAlone()}.
     */
    public static Plan plan(DesiredTable desired, LiveTable live, Predicate<ServiceKey> owned) {
        List<PlanStep> steps = new ArrayList<>();
        List<ServiceKey> leftAlone = new ArrayList<>();
        for (TableService have : live.services().values()) {
            Optional<TableService> want = desired.service(have.key());
            if (want.isEmpty() && !owned.test(have.key())) {
                leftAlone.add(have.key());
                continue;
            }
            if (want.isPresent() && want.get() == have) {
                continue; // the same instance: a table built from the other one, this service untouched
            }
            for (RealServer rs : have.realServers().values()) {
                if (want.isEmpty() || want.get().realServer(rs.key()).isEmpty()) {
                    steps.add(new PlanStep.DeleteRealServer(have.key(), rs));
                }
            }
            if (want.isEmpty()) {
                steps.add(new PlanStep.DeleteService(have.service()));
            }
        }
        for (TableService want : desired.services().values()) {
            Optional<TableService> have = live.service(want.key());
            if (have.isPresent() && have.get() == want) {
                continue;
            }
            if (have.isEmpty()) {
                steps.add(new PlanStep.AddService(want.service()));
                want.realServers().values().forEach(rs -> steps.add(new PlanStep.AddRealServer(want.key(), rs)));
                continue;
            }
            if (!have.get().service().equals(want.service())) {
                steps.add(new PlanStep.EditService(have.get().service(), want.service()));
            }
            for (RealServer rs : want.realServers().values()) {
                Optional<RealServer> current = have.get().realServer(rs.key());
                if (current.isEmpty()) {
                    steps.add(new PlanStep.AddRealServer(want.key(), rs));
                } else if (!sameSettings(rs, current.get())) {
                    steps.add(new PlanStep.EditRealServer(want.key(), current.get(), rs));
                }
            }
        }
        return new Plan(steps, leftAlone);
    }

    /**
     * Whether the kernel's real server has the desired settings. The kernel turns any forwarding
     * method into LOCAL when the real server's address is one of the director's own
     * (__ip_vs_update_dest in net/netfilter/ipvs/ip_vs_ctl.c checks inet_addr_type == RTN_LOCAL), so
     * LOCAL in the kernel matches whatever was asked; editing it would never converge.
     */
    static boolean sameSettings(RealServer desired, RealServer live) {
        if (live.forwarding() == ForwardingMethod.LOCAL && desired.forwarding() != ForwardingMethod.LOCAL) {
            return desired.toBuilder().forwarding(ForwardingMethod.LOCAL).build().equals(live);
        }
        return desired.equals(live);
    }

    /** Reads the kernel's table and plans, without writing: what {@code jlvsd --plan} shows. */
    public Plan preview(DesiredTable desired) {
        return plan(desired, LiveTable.read(client));
    }

    /**
     * Reads the kernel's table, plans, and applies the plan in one batch. An empty plan costs the
     * read and nothing else. Drift is logged at WARN, one line per repaired step; failures at ERROR.
     */
    public ReconcileResult reconcile(DesiredTable desired) {
        Objects.requireNonNull(desired, "desired");
        lock.lock();
        try {
            Plan plan = plan(desired, LiveTable.read(client));
            if (plan.isEmpty()) {
                lastApplied = desired;
                return new ReconcileResult(plan, Optional.empty(), List.of());
            }
            List<PlanStep> drift = drift(plan, desired, lastApplied);
            BatchResult result = client.apply(plan.toBatch());
            for (PlanStep step : drift) {
                LOG.warn("drift repaired (changed outside jLVS): {}", step.describe());
            }
            if (result.allApplied()) {
                lastApplied = desired;
                LOG.info("reconciled: {} changes applied", plan.size());
            } else {
                for (BatchResult.OperationResult r : result.notApplied()) {
                    LOG.error("reconcile: {}", r);
                }
            }
            return new ReconcileResult(plan, Optional.of(result), drift);
        } finally {
            lock.unlock();
        }
    }

    /** The last table this reconciler applied completely; empty before the first. */
    public Optional<DesiredTable> lastApplied() {
        lock.lock();
        try {
            return Optional.ofNullable(lastApplied);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The steps that are drift: those on an object whose desired state is the same as in the last
     * applied table. Before the first apply there is no intent to compare with, so nothing is drift
     * (the first reconcile adopts whatever the kernel holds).
     */
    static List<PlanStep> drift(Plan plan, DesiredTable desired, DesiredTable lastApplied) {
        if (lastApplied == null) {
            return List.of();
        }
        List<PlanStep> drift = new ArrayList<>();
        for (PlanStep step : plan.steps()) {
            ServiceKey key = step.service();
            Optional<RealServerAddress> server = step.realServer();
            boolean unchangedIntent = server.isPresent()
                    ? desired.realServer(key, server.get()).equals(lastApplied.realServer(key, server.get()))
                    : desired.service(key).map(TableService::service)
                            .equals(lastApplied.service(key).map(TableService::service));
            if (unchangedIntent) {
                drift.add(step);
            }
        }
        return drift;
    }

}
