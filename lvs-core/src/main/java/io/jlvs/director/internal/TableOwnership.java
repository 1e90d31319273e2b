package io.jlvs.director.internal;

import io.jlvs.config.Configuration;
import io.jlvs.director.Plan;
import io.jlvs.director.PlanStep;
import io.jlvs.ipvs.BatchResult;
import io.jlvs.ipvs.ServiceKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which services of the namespace's IPVS table a director may change: with
 * {@code manage_whole_table = 1} all of them; otherwise the configured ones (inactive virtual
 * servers included, whose services an earlier run may have made) and those it created
 * ({@link OwnedServices}). Any other service is someone else's and is left alone.
 *
 * <p>Not thread-safe: the director calls it under its lock.
 */
public final class TableOwnership implements Predicate<ServiceKey> {
    private final OwnedServices created;
    private boolean wholeTable;
    private Set<ServiceKey> configured;

    private TableOwnership(OwnedServices created, Configuration config) {
        this.created = created;
        configure(config);
    }

    /** For {@code config}, with the services created earlier as remembered in {@code stateFile}. */
    public static TableOwnership load(Optional<Path> stateFile, Configuration config) {
        return new TableOwnership(OwnedServices.load(stateFile), config);
    }

    /** Follows a reloaded configuration. */
    public void configure(Configuration config) {
        this.configured = configured(config);
        this.wholeTable = config.cluster().manageWholeTable();
    }

    private static Set<ServiceKey> configured(Configuration config) {
        Set<ServiceKey> keys = new HashSet<>();
        config.virtualServers().forEach(v -> keys.add(v.serviceKey()));
        return keys;
    }

    /** What {@link #test} would answer after {@link #configure}{@code (config)}, for a plan made before a reload. */
    public Predicate<ServiceKey> after(Configuration config) {
        Set<ServiceKey> keys = configured(config);
        boolean whole = config.cluster().manageWholeTable();
        return key -> whole || keys.contains(key) || created.contains(key);
    }

    /** Whether the director may edit or delete {@code key}. */
    @Override
    public boolean test(ServiceKey key) {
        return wholeTable || configured.contains(key) || created.contains(key);
    }

    /**
     * What a full read of the kernel found: created services that are gone (deleted by hand, or a
     * crash before their add) are forgotten, so a service somebody makes later under the same key is
     * theirs, not the director's.
     */
    public void found(Set<ServiceKey> live) {
        created.retainOnly(live);
    }

    /** Before a batch that may add {@code desired}: remembered first, see {@link OwnedServices}. */
    public void adding(Set<ServiceKey> desired) {
        created.claim(desired);
    }

    /** After {@code plan} was applied with {@code result}: the services it deleted are forgotten. */
    public void applied(Plan plan, BatchResult result) {
        List<ServiceKey> gone = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            if (plan.steps().get(i) instanceof PlanStep.DeleteService d
                    && result.results().get(i).status() == BatchResult.Status.APPLIED) {
                gone.add(d.service());
            }
        }
        created.release(gone);
    }
}
