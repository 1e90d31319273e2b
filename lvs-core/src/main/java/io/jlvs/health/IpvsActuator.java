package io.jlvs.health;

import io.jlvs.ipvs.AlreadyExistsException;
import io.jlvs.ipvs.Batch;
import io.jlvs.ipvs.BatchResult;
import io.jlvs.ipvs.IpvsClient;
import io.jlvs.ipvs.IpvsException;
import io.jlvs.ipvs.NoSuchRealServerException;
import io.jlvs.ipvs.NoSuchServiceException;
import io.jlvs.ipvs.Operation;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerAddress;
import io.jlvs.ipvs.RealServerEntry;
import io.jlvs.ipvs.ServiceKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a monitor's changes to the kernel through {@link IpvsClient}: all changes of one call in one
 * {@link Batch}. The kernel is the truth: an edit of a real server that is gone becomes an add, an add
 * of one that exists becomes an edit, a delete of one already gone is done, and a restored service
 * loses real servers it should not have; each such correction goes in one more batch. Each change is
 * logged once, with its outcome.
 *
 * <p>The client is used under this actuator's lock; do not use the same client elsewhere
 * concurrently (IpvsClient is not thread-safe).
 */
public final class IpvsActuator implements Actuator {
    private static final Logger LOG = LoggerFactory.getLogger(IpvsActuator.class);
    private final IpvsClient ipvs;

    public IpvsActuator(IpvsClient ipvs) {
        this.ipvs = Objects.requireNonNull(ipvs, "ipvs client");
    }

    @Override
    public synchronized void apply(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        List<Operation> ops = new ArrayList<>();
        List<Change> origin = new ArrayList<>();
        for (Change c : changes) {
            for (Operation op : operationsFor(c)) {
                ops.add(op);
                origin.add(c);
            }
        }
        BatchResult result = ipvs.apply(Batch.of(ops));
        List<Operation> retry = new ArrayList<>();
        List<Change> retryOrigin = new ArrayList<>();
        Set<Change> failed = new HashSet<>();
        for (int i = 0; i < result.results().size(); i++) {
            BatchResult.OperationResult r = result.results().get(i);
            if (r.status() == BatchResult.Status.APPLIED) {
                continue;
            }
            Optional<Operation> fix = r.error().flatMap(e -> converge(r.operation(), e));
            if (fix.isPresent()) {
                retry.add(fix.get());
                retryOrigin.add(origin.get(i));
            } else if (!alreadyThere(r)) {
                failed.add(origin.get(i));
                LOG.warn("health change not applied: {}", r);
            }
        }
        if (!retry.isEmpty()) {
            BatchResult again = ipvs.apply(Batch.of(retry));
            for (int i = 0; i < again.results().size(); i++) {
                BatchResult.OperationResult r = again.results().get(i);
                if (r.status() != BatchResult.Status.APPLIED && !alreadyThere(r)) {
                    failed.add(retryOrigin.get(i));
                    LOG.warn("health change not applied after re-reading the kernel: {}", r);
                }
            }
        }
        for (Change c : changes) {
            if (c instanceof Change.ServiceChange s && s.present() && !failed.contains(c)) {
                dropExtraRealServers(s);
            }
            if (!failed.contains(c)) {
                LOG.info("applied {}", c);
            }
        }
    }

    /** The kernel's real servers of {@code key} with their counts, read under this actuator's lock. */
    public synchronized List<RealServerEntry> realServers(ServiceKey key) {
        return ipvs.realServers(key);
    }

    private static List<Operation> operationsFor(Change c) {
        return switch (c) {
            case Change.RealServerChange r when !r.to().present() ->
                    List.of(new Operation.DeleteRealServer(r.service(), r.server().key()));
            case Change.RealServerChange r when r.from().present() -> List.of(new Operation.EditRealServer(r.service(), r.server()));
            case Change.RealServerChange r -> List.of(new Operation.AddRealServer(r.service(), r.server()));
            case Change.ServiceChange s when !s.present() -> List.of(new Operation.DeleteService(s.service()));
            case Change.ServiceChange s -> {
                List<Operation> ops = new ArrayList<>();
                ops.add(new Operation.AddService(s.virtualService()));
                for (RealServer rs : s.realServers()) {
                    ops.add(new Operation.AddRealServer(s.service(), rs));
                }
                yield ops;
            }
        };
    }

    /** The operation that reaches the same end from where the kernel actually is, if there is one. */
    private static Optional<Operation> converge(Operation op, IpvsException error) {
        return switch (op) {
            case Operation.EditRealServer e when error instanceof NoSuchRealServerException ->
                    Optional.of(new Operation.AddRealServer(e.service(), e.server()));
            case Operation.AddRealServer a when error instanceof AlreadyExistsException ->
                    Optional.of(new Operation.EditRealServer(a.service(), a.server()));
            case Operation.AddService a when error instanceof AlreadyExistsException ->
                    Optional.of(new Operation.EditService(a.virtualService()));
            default -> Optional.empty();
        };
    }

    /** A delete of something already gone reached its end. */
    private static boolean alreadyThere(BatchResult.OperationResult r) {
        IpvsException e = r.error().orElse(null);
        return switch (r.operation()) {
            case Operation.DeleteRealServer d -> e instanceof NoSuchRealServerException || e instanceof NoSuchServiceException;
            case Operation.DeleteService d -> e instanceof NoSuchServiceException;
            default -> false;
        };
    }

    private void dropExtraRealServers(Change.ServiceChange s) {
        ServiceKey key = s.service();
        Set<RealServerAddress> wanted = new HashSet<>();
        s.realServers().forEach(r -> wanted.add(r.key()));
        List<Operation> extra = new ArrayList<>();
        try {
            for (RealServerEntry e : ipvs.realServers(key)) {
                if (!wanted.contains(e.key())) {
                    extra.add(new Operation.DeleteRealServer(key, e.key()));
                }
            }
        } catch (IpvsException e) {
            LOG.warn("cannot read back the real servers of restored {}: {}", key, e.getMessage());
            return;
        }
        if (!extra.isEmpty()) {
            BatchResult r = ipvs.apply(Batch.of(extra));
            r.notApplied().forEach(n -> LOG.warn("restoring {}: {}", key, n));
        }
    }
}
