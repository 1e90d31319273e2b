package io.jlvs.ipvs.internal;

import io.jlvs.ipvs.AddressFamily;
import io.jlvs.ipvs.AddressFamilyNotSupportedException;
import io.jlvs.ipvs.AlreadyExistsException;
import io.jlvs.ipvs.ForwardingMethod;
import io.jlvs.ipvs.InvalidArgumentException;
import io.jlvs.ipvs.IpvsException;
import io.jlvs.ipvs.IpvsNotAvailableException;
import io.jlvs.ipvs.KernelException;
import io.jlvs.ipvs.NoSuchRealServerException;
import io.jlvs.ipvs.NoSuchServiceException;
import io.jlvs.ipvs.NotPermittedException;
import io.jlvs.ipvs.PersistenceEngineNotAvailableException;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.SchedulerNotAvailableException;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.SyncDaemon;
import io.jlvs.ipvs.VirtualService;
import io.jlvs.sys.Errno;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Turns a kernel errno into the {@link IpvsException} that says what it means for the operation
 * at hand. The same errno means different things per operation, so the caller says which kind of
 * operation failed. Mapping, from {@code net/netfilter/ipvs/ip_vs_ctl.c} and {@code ip_vs_sync.c}:
 *
 * <ul>
 *   <li>EPERM, EACCES, any operation: every IPVS command is GENL_ADMIN_PERM (CAP_NET_ADMIN).
 *   <li>EAFNOSUPPORT: ip_vs_is_af_valid() failed (no CONFIG_IP_VS_IPV6, or IPv6 disabled).
 *   <li>ENOENT on the family lookup: no "IPVS" generic netlink family.
 *   <li>ESRCH on anything naming a service: ip_vs_genl_set_cmd / _get_cmd found no such service
 *       (checked before the real server is looked at, so it also answers real server operations).
 *   <li>EEXIST: the service (IPVS_CMD_NEW_SERVICE), real server (ip_vs_add_dest) or sync daemon
 *       (start_sync_thread) already exists.
 *   <li>ENOENT on adding or editing a service: ip_vs_add_service / ip_vs_edit_service found no
 *       scheduler module ip_vs_NAME, or no persistence engine module ip_vs_pe_NAME; the errno does
 *       not say which (see {@link #fromErrno(String, OperationKind, int, String, VirtualService)}).
 *   <li>ENOENT on editing or deleting a real server: ip_vs_edit_dest / ip_vs_del_dest found none.
 *   <li>EINVAL on adding a real server: most often ip_vs_new_dest's address check
 *       (inet_addr_type() must be RTN_LOCAL or RTN_UNICAST). In a fresh network namespace the local
 *       routing table is only created with the first local address, and without it
 *       __inet_dev_addr_type() answers RTN_BROADCAST for every address, until "lo" is brought up.
 *       Also: another family than the service without TUNNEL, or with a sync daemon running.
 *   <li>ERANGE on adding or editing a real server: weight below zero, or lower threshold above upper.
 *   <li>ENODEV on starting a sync daemon: no interface by that name.
 *   <li>ESRCH on stopping a sync daemon: none runs in that state.
 *   <li>Any other EINVAL or ERANGE is an {@link InvalidArgumentException}; anything else a
 *       {@link KernelException}.
 * </ul>
 *
 * <p>A missing service when listing real servers is not an error at all: ip_vs_genl_dump_dests
 * ends the dump empty, so callers that need to tell must get the service first.
 */
public final class IpvsErrors {
    private IpvsErrors() {}

    /** The hint for EINVAL on adding a real server, see the class comment. */
    public static final String FRESH_NAMESPACE_HINT =
            "address not unicast or loopback down \u2014 in a new network namespace, bring 'lo' up first";

    /** Schedulers that every kernel with IPVS has had for long (ipvsadm 1.26's list). */
    private static final List<Scheduler> CLASSIC_SCHEDULERS = List.of(Scheduler.RR, Scheduler.WRR,
            Scheduler.LC, Scheduler.WLC, Scheduler.LBLC, Scheduler.LBLCR, Scheduler.DH, Scheduler.SH,
            Scheduler.SED, Scheduler.NQ);

    /** What kind of operation failed; it decides what an errno means. */
    public enum OperationKind {
        FAMILY_LOOKUP("look up generic netlink family " + IpvsUapi.IPVS_GENL_NAME),
        GET_INFO("get IPVS info"),
        ADD_SERVICE("add service %s"),
        EDIT_SERVICE("edit service %s"),
        DELETE_SERVICE("delete service %s"),
        GET_SERVICE("get service %s"),
        LIST_SERVICES("list services"),
        ZERO_SERVICE("zero counters of service %s"),
        ZERO_ALL("zero all counters"),
        FLUSH("flush all services"),
        ADD_REAL_SERVER("add real server %2$s to %1$s"),
        EDIT_REAL_SERVER("edit real server %2$s of %1$s"),
        DELETE_REAL_SERVER("delete real server %2$s from %1$s"),
        LIST_REAL_SERVERS("list real servers of %s"),
        START_DAEMON("start %s sync daemon on %s"),
        STOP_DAEMON("stop %s sync daemon"),
        LIST_DAEMONS("list sync daemons"),
        SET_TIMEOUTS("set timeouts"),
        GET_TIMEOUTS("get timeouts");

        private final String pattern;

        OperationKind(String pattern) {
            this.pattern = pattern;
        }

        /**
         * The operation in operator words, for {@link IpvsException#operation()}: the subjects are,
         * in order, the service key and the real server for service and real server operations
         * ("add real server 10.0.0.2:80 to TCP 10.0.0.1:80"), and the state and interface for
         * daemons ("start master sync daemon on eth0", "stop backup sync daemon").
         */
        public String describe(Object... subjects) {
            int expected = (int) pattern.chars().filter(c -> c == '%').count();
            if (subjects.length != expected) {
                throw new IllegalArgumentException(name() + " takes " + expected + " subjects, not " + subjects.length);
            }
            Object[] words = new Object[subjects.length];
            for (int i = 0; i < subjects.length; i++) {
                words[i] = subjects[i] instanceof SyncDaemon.State s
                        ? s.name().toLowerCase(Locale.ROOT) : subjects[i];
            }
            return String.format(pattern, words);
        }

        boolean namesService() {
            return switch (this) {
                case EDIT_SERVICE, DELETE_SERVICE, GET_SERVICE, ZERO_SERVICE, ADD_REAL_SERVER,
                        EDIT_REAL_SERVER, DELETE_REAL_SERVER, LIST_REAL_SERVERS -> true;
                default -> false;
            };
        }
    }

    /** The exception for {@code errno} (positive or negative) with no more context than the kind. */
    public static IpvsException fromErrno(String operation, OperationKind kind, int errno, String extack) {
        return map(operation, kind, errno, extack, null, null, null, null);
    }

    /**
     * For adding or editing a service. ENOENT there means a missing scheduler or persistence engine
     * module and the errno does not say which: without an engine it is the scheduler; with one,
     * and a scheduler every IPVS kernel has (rr ... nq) or "none", it is taken to be the engine;
     * otherwise the scheduler. The message names the other module as the alternative.
     */
    public static IpvsException fromErrno(
            String operation, OperationKind kind, int errno, String extack, VirtualService service) {
        Objects.requireNonNull(service, "service");
        return map(operation, kind, errno, extack, service, service.key(), null, null);
    }

    /** For real server operations: the hints for EINVAL need both families and the forwarding method. */
    public static IpvsException fromErrno(
            String operation, OperationKind kind, int errno, String extack, ServiceKey service, RealServer server) {
        return map(operation, kind, errno, extack, null, service, server, null);
    }

    /** For sync daemon operations: the hint for ENODEV names the interface. */
    public static IpvsException fromErrno(
            String operation, OperationKind kind, int errno, String extack, SyncDaemon daemon) {
        return map(operation, kind, errno, extack, null, null, null, daemon);
    }

    private static IpvsException map(String op, OperationKind kind, int rawErrno, String extack,
            VirtualService service, ServiceKey key, RealServer server, SyncDaemon daemon) {
        Objects.requireNonNull(op, "operation");
        Objects.requireNonNull(kind, "kind");
        int errno = Math.abs(rawErrno);
        if (errno == 0) {
            throw new IllegalArgumentException("errno 0 is success, not a failure of " + op);
        }
        if (errno == Errno.EPERM || errno == Errno.EACCES) {
            return new NotPermittedException(op, errno, extack);
        }
        if (errno == Errno.ETIMEDOUT) {
            // Never an IPVS answer: the netlink layer's word for a kernel that did not answer in time.
            return new KernelException(op, errno, extack,
                    "the kernel did not answer in time; it may still carry the request out (check with ipvsadm -Ln)");
        }
        if (errno == Errno.EAFNOSUPPORT) {
            return new AddressFamilyNotSupportedException(op, errno, extack);
        }
        if (kind == OperationKind.FAMILY_LOOKUP && errno == Errno.ENOENT) {
            return new IpvsNotAvailableException(op, errno, extack);
        }
        if (errno == Errno.ESRCH && kind.namesService()) {
            return new NoSuchServiceException(op, errno, extack);
        }
        if (errno == Errno.EEXIST && (kind == OperationKind.ADD_SERVICE || kind == OperationKind.ADD_REAL_SERVER
                || kind == OperationKind.START_DAEMON)) {
            return new AlreadyExistsException(op, errno, extack);
        }
        switch (kind) {
            case ADD_SERVICE, EDIT_SERVICE -> {
                if (errno == Errno.ENOENT) {
                    return moduleMissing(op, errno, extack, service);
                }
                if (errno == Errno.EINVAL && key != null && key.family() == AddressFamily.INET6) {
                    return new InvalidArgumentException(op, errno, extack,
                            "an IPv6 service needs a persistence netmask prefix length of 1..128");
                }
                if (errno == Errno.ENOPROTOOPT) {
                    return new KernelException(op, errno, extack, "the ip_vs module is being unloaded");
                }
            }
            case ADD_REAL_SERVER, EDIT_REAL_SERVER -> {
                if (errno == Errno.EINVAL) {
                    return new InvalidArgumentException(op, errno, extack, realServerHint(kind, key, server));
                }
                if (errno == Errno.ERANGE) {
                    return new InvalidArgumentException(op, errno, extack,
                            "weight below zero, or lower threshold above upper threshold");
                }
                if (errno == Errno.ENOENT && kind == OperationKind.EDIT_REAL_SERVER) {
                    return new NoSuchRealServerException(op, errno, extack);
                }
            }
            case DELETE_REAL_SERVER -> {
                if (errno == Errno.ENOENT) {
                    return new NoSuchRealServerException(op, errno, extack);
                }
            }
            case START_DAEMON -> {
                if (errno == Errno.ENODEV) {
                    return new InvalidArgumentException(op, errno, extack, daemon == null
                            ? "no such multicast interface"
                            : "no network interface named '" + daemon.interfaceName() + "' in this namespace");
                }
                if (errno == Errno.EINVAL) {
                    return new InvalidArgumentException(op, errno, extack,
                            "the group must be multicast, and no real server may be of another family than its "
                                    + "service (the sync protocol cannot carry that)");
                }
                if (errno == Errno.ENOPROTOOPT) {
                    return new KernelException(op, errno, extack, "the ip_vs module is being unloaded");
                }
            }
            case STOP_DAEMON -> {
                if (errno == Errno.ESRCH) {
                    return new KernelException(op, errno, extack, "no sync daemon runs in that state");
                }
            }
            case SET_TIMEOUTS -> {
                if (errno == Errno.EINVAL) {
                    return new InvalidArgumentException(op, errno, extack,
                            "a timeout is above INT_MAX / HZ seconds");
                }
            }
            default -> {
                // the generic rules below
            }
        }
        if (errno == Errno.EINVAL || errno == Errno.ERANGE) {
            return new InvalidArgumentException(op, errno, extack);
        }
        return new KernelException(op, errno, extack);
    }

    private static IpvsException moduleMissing(String op, int errno, String extack, VirtualService service) {
        if (service == null) {
            return new KernelException(op, errno, extack,
                    "the scheduler's or persistence engine's kernel module is not available");
        }
        Scheduler scheduler = service.scheduler();
        if (service.persistenceEngine().isEmpty()) {
            return new SchedulerNotAvailableException(op, errno, extack, scheduler);
        }
        String engine = service.persistenceEngine().get();
        if (scheduler.equals(Scheduler.NONE)) {
            return new PersistenceEngineNotAvailableException(op, errno, extack, engine);
        }
        if (CLASSIC_SCHEDULERS.contains(scheduler)) {
            return new PersistenceEngineNotAvailableException(op, errno, extack, engine,
                    "or, less likely, scheduler module " + scheduler.moduleName() + " is missing");
        }
        return new SchedulerNotAvailableException(op, errno, extack, scheduler,
                "or persistence engine module ip_vs_pe_" + engine + " is missing");
    }

    private static String realServerHint(OperationKind kind, ServiceKey key, RealServer server) {
        if (key != null && server != null && key.family() != server.addressFamily()) {
            return server.forwarding() != ForwardingMethod.TUNNEL
                    ? "a real server of another address family than its service needs TUNNEL forwarding"
                    : "a real server of another address family than its service is refused while a sync daemon runs";
        }
        return kind == OperationKind.ADD_REAL_SERVER ? FRESH_NAMESPACE_HINT : null;
    }
}
