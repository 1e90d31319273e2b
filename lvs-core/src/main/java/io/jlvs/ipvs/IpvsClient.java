package io.jlvs.ipvs;

import static io.jlvs.ipvs.internal.IpvsUapi.*;

import io.jlvs.ipvs.internal.IpvsCodec;
import io.jlvs.ipvs.internal.IpvsErrors;
import io.jlvs.ipvs.internal.IpvsErrors.OperationKind;
import io.jlvs.netlink.Acknowledgement;
import io.jlvs.netlink.FamilyNotFoundException;
import io.jlvs.netlink.GenericFamily;
import io.jlvs.netlink.MalformedMessageException;
import io.jlvs.netlink.MessageWriter;
import io.jlvs.netlink.NetlinkConnection;
import io.jlvs.netlink.NetlinkException;
import io.jlvs.netlink.NetlinkSocket;
import io.jlvs.netlink.NetlinkTransport;
import io.jlvs.netlink.NetworkNamespace;
import io.jlvs.netlink.Outcome;
import io.jlvs.netlink.Request;
import io.jlvs.sys.Errno;
import io.jlvs.sys.LinuxConstants;
import io.jlvs.sys.Syscalls;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * The IPVS table of one network namespace, over one generic-netlink socket: services, real servers,
 * counters, timeouts and the connection-sync daemon, plus batches of changes.
 *
 * <pre>{@code
 * try (IpvsClient ipvs = IpvsClient.open()) {
 *     ServiceKey web = ServiceKey.tcp(InetAddress.getByName("10.23.8.80"), 80);
 *     ipvs.addService(VirtualService.builder(web).scheduler(Scheduler.WLC).build());
 *     ipvs.addRealServer(web, RealServer.builder(InetAddress.getByName("192.168.1.2"), 80).masquerade().build());
 * }
 * }</pre>
 *
 * <p>Every failure is an {@link IpvsException} naming the operation and the object. Not thread-safe:
 * use one client per thread, or guard it. Needs CAP_NET_ADMIN for every call (IPVS checks it even
 * for reads).
 */
public final class IpvsClient implements Ipvs {
    private final NetlinkConnection connection;
    private final int familyId;
    private final NetworkNamespace namespace;

    private IpvsClient(NetlinkConnection connection, int familyId, NetworkNamespace namespace) {
        this.connection = connection;
        this.familyId = familyId;
        this.namespace = namespace;
    }

    /** A client for the caller's network namespace. */
    public static IpvsClient open() {
        return open(NetworkNamespace.current());
    }

    /** A client for {@code namespace} (e.g. {@code NetworkNamespace.named("blue")} for /run/netns/blue). */
    public static IpvsClient open(NetworkNamespace namespace) {
        return open(namespace, Syscalls.system());
    }

    /** A client using the given syscall backend. */
    public static IpvsClient open(NetworkNamespace namespace, Syscalls sys) {
        String op = OperationKind.FAMILY_LOOKUP.describe();
        NetlinkSocket socket = translate(op, OperationKind.FAMILY_LOOKUP,
                () -> namespace.call(sys, () -> NetlinkSocket.open(sys, LinuxConstants.NETLINK_GENERIC)));
        try {
            return over(socket, namespace);
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * A client over an already open transport (a socket made elsewhere, or a fake kernel in tests).
     * The client owns the transport from here on.
     */
    public static IpvsClient over(NetlinkTransport transport, NetworkNamespace namespace) {
        NetlinkConnection connection = new NetlinkConnection(transport);
        String op = OperationKind.FAMILY_LOOKUP.describe();
        GenericFamily family;
        try {
            family = connection.resolveFamily(IPVS_GENL_NAME);
        } catch (FamilyNotFoundException e) {
            throw new IpvsNotAvailableException(op, e.errno(), null);
        } catch (MalformedMessageException e) {
            throw new ProtocolException(op, e.getMessage(), e);
        } catch (NetlinkException e) {
            throw IpvsErrors.fromErrno(op, OperationKind.FAMILY_LOOKUP, e.errno(), e.kernelMessage());
        }
        return new IpvsClient(connection, family.id(), namespace);
    }

    /** The namespace this client's socket lives in. */
    public NetworkNamespace namespace() {
        return namespace;
    }

    // ---- info, flush, zero ----

    /** The IPVS version and connection-table size. */
    public IpvsInfo info() {
        Request r = request(IPVS_CMD_GET_INFO, w -> { }, OperationKind.GET_INFO.describe());
        return single(r, OperationKind.GET_INFO, () -> connection.request(r, m -> IpvsCodec.readInfo(m.genlAttributes())));
    }

    /** Deletes every virtual service (and so every real server) in this namespace. */
    public void flush() {
        run(request(IPVS_CMD_FLUSH, w -> { }, OperationKind.FLUSH.describe()), OperationKind.FLUSH);
    }

    /** Zeroes the counters of every service and real server. */
    public void zeroAll() {
        run(request(IPVS_CMD_ZERO, w -> { }, OperationKind.ZERO_ALL.describe()), OperationKind.ZERO_ALL);
    }

    /** Zeroes the counters of one service and its real servers. */
    public void zero(ServiceKey key) {
        String op = OperationKind.ZERO_SERVICE.describe(key);
        run(request(IPVS_CMD_ZERO, w -> IpvsCodec.writeServiceKeyNest(w, key), op), OperationKind.ZERO_SERVICE);
    }

    // ---- services ----

    public void addService(VirtualService service) {
        runService(toRequest(new Operation.AddService(service)), OperationKind.ADD_SERVICE, service);
    }

    /** Changes a service's settings in place: established connections are kept. */
    public void editService(VirtualService service) {
        runService(toRequest(new Operation.EditService(service)), OperationKind.EDIT_SERVICE, service);
    }

    /** Deletes a service and its real servers. */
    public void deleteService(ServiceKey key) {
        run(toRequest(new Operation.DeleteService(key)), OperationKind.DELETE_SERVICE);
    }

    /** One service with its counters, or empty if there is none with that key. */
    public Optional<ServiceEntry> service(ServiceKey key) {
        String op = OperationKind.GET_SERVICE.describe(key);
        Request r = request(IPVS_CMD_GET_SERVICE, w -> IpvsCodec.writeServiceKeyNest(w, key), op);
        try {
            return Optional.of(single(r, OperationKind.GET_SERVICE,
                    () -> connection.request(r, m -> IpvsCodec.readServiceEntry(m.genlAttributes()))));
        } catch (NoSuchServiceException e) {
            return Optional.empty();
        }
    }

    /** Every service with its counters, in the kernel's order. */
    public List<ServiceEntry> services() {
        Request r = request(IPVS_CMD_GET_SERVICE, w -> { }, OperationKind.LIST_SERVICES.describe());
        return translate(r.description(), OperationKind.LIST_SERVICES,
                () -> connection.dump(r, m -> IpvsCodec.readServiceEntry(m.genlAttributes())));
    }

    // ---- real servers ----

    public void addRealServer(ServiceKey service, RealServer server) {
        runRealServer(toRequest(new Operation.AddRealServer(service, server)), OperationKind.ADD_REAL_SERVER, service, server);
    }

    public void editRealServer(ServiceKey service, RealServer server) {
        runRealServer(toRequest(new Operation.EditRealServer(service, server)), OperationKind.EDIT_REAL_SERVER, service, server);
    }

    public void deleteRealServer(ServiceKey service, RealServerAddress server) {
        run(toRequest(new Operation.DeleteRealServer(service, server)), OperationKind.DELETE_REAL_SERVER);
    }

    /** The real servers of a service with their connection counts and counters. */
    public List<RealServerEntry> realServers(ServiceKey service) {
        String op = OperationKind.LIST_REAL_SERVERS.describe(service);
        Request r = request(IPVS_CMD_GET_DEST, w -> IpvsCodec.writeServiceKeyNest(w, service), op);
        return translate(op, OperationKind.LIST_REAL_SERVERS,
                () -> connection.dump(r, m -> IpvsCodec.readRealServerEntry(m.genlAttributes(), service.family())));
    }

    // ---- timeouts ----

    public Timeouts timeouts() {
        Request r = request(IPVS_CMD_GET_CONFIG, w -> { }, OperationKind.GET_TIMEOUTS.describe());
        return single(r, OperationKind.GET_TIMEOUTS, () -> connection.request(r, m -> IpvsCodec.readTimeouts(m.genlAttributes())));
    }

    /** Sets the tcp, tcpfin and udp timeouts; a zero duration leaves that one unchanged. */
    public void setTimeouts(Timeouts timeouts) {
        run(request(IPVS_CMD_SET_CONFIG, w -> IpvsCodec.writeTimeouts(w, timeouts), OperationKind.SET_TIMEOUTS.describe()),
                OperationKind.SET_TIMEOUTS);
    }

    // ---- connection synchronisation daemon ----

    public List<SyncDaemon> syncDaemons() {
        Request r = listDaemons();
        return translate(r.description(), OperationKind.LIST_DAEMONS, () -> connection.dump(r, IpvsClient::daemon));
    }

    private Request listDaemons() {
        return request(IPVS_CMD_GET_DAEMON, w -> { }, OperationKind.LIST_DAEMONS.describe());
    }

    private static SyncDaemon daemon(io.jlvs.netlink.Message m) {
        return IpvsCodec.readDaemon(m.genlAttributes());
    }

    public void startSyncDaemon(SyncDaemon daemon) {
        String op = OperationKind.START_DAEMON.describe(daemon.state(), daemon.interfaceName());
        Request r = request(IPVS_CMD_NEW_DAEMON, w -> IpvsCodec.writeDaemon(w, daemon), op);
        try {
            connection.execute(r);
        } catch (MalformedMessageException e) {
            throw new ProtocolException(op, e.getMessage(), e);
        } catch (NetlinkException e) {
            throw IpvsErrors.fromErrno(op, OperationKind.START_DAEMON, e.errno(), e.kernelMessage(), daemon);
        }
    }

    /**
     * Stops the daemon of that state. The kernel is asked for its daemons right behind the stop: Linux
     * (6.1 at least) sends no answer to a stop that came before the daemon's thread first ran (see
     * {@link NetlinkConnection#requestThenDump}); the daemon is stopped all the same, and the list
     * proves it instead of a wait for an answer that never comes.
     */
    public void stopSyncDaemon(SyncDaemon.State state) {
        String op = OperationKind.STOP_DAEMON.describe(state);
        Request stop = request(IPVS_CMD_DEL_DAEMON, w -> IpvsCodec.writeDaemonState(w, state), op);
        NetlinkConnection.Probed<SyncDaemon> answer = translate(op, OperationKind.STOP_DAEMON,
                () -> connection.requestThenDump(stop, listDaemons(), IpvsClient::daemon));
        if (answer.acknowledgement().isPresent()) {
            Acknowledgement ack = answer.acknowledgement().get();
            if (!ack.ok()) {
                throw IpvsErrors.fromErrno(op, OperationKind.STOP_DAEMON, ack.errno(), ack.kernelMessage());
            }
        } else if (answer.rows().stream().anyMatch(d -> d.state() == state)) {
            throw new KernelException(op, Errno.EINTR, null,
                    "the kernel gave no answer and still lists the daemon (check with ipvsadm -L --daemon)");
        }
    }

    // ---- batches ----

    /** Applies a batch, continuing past failures; see {@link #apply(Batch, boolean, IntConsumer)}. */
    public BatchResult apply(Batch batch) {
        return apply(batch, false, null);
    }

    /**
     * Applies the batch's operations in order, packed into as few netlink datagrams as fit, and reports
     * each one's fate.
     *
     * @param stopAtFailure stop sending after the datagram in which an operation failed (operations in
     *                      that datagram after the failure were still handled by the kernel; the result
     *                      says which)
     * @param progress      told the number of operations answered so far after each datagram, or null
     */
    public BatchResult apply(Batch batch, boolean stopAtFailure, IntConsumer progress) {
        List<Operation> ops = batch.operations();
        List<Request> requests = new ArrayList<>(ops.size());
        for (Operation op : ops) {
            requests.add(toRequest(op));
        }
        List<Outcome> outcomes = connection.batch(requests, stopAtFailure,
                progress == null ? null : (Consumer<Integer>) progress::accept);
        List<BatchResult.OperationResult> results = new ArrayList<>(ops.size());
        for (int i = 0; i < ops.size(); i++) {
            Operation op = ops.get(i);
            Outcome o = outcomes.get(i);
            results.add(switch (o.status()) {
                case APPLIED -> new BatchResult.OperationResult(op, BatchResult.Status.APPLIED, Optional.empty());
                case FAILED -> new BatchResult.OperationResult(op, BatchResult.Status.FAILED,
                        Optional.of(errorFor(op, o.errno(), o.kernelMessage())));
                case UNKNOWN -> new BatchResult.OperationResult(op, BatchResult.Status.UNKNOWN,
                        Optional.of(unanswered(op, o)));
                case NOT_SENT -> new BatchResult.OperationResult(op, BatchResult.Status.NOT_SENT, Optional.empty());
            });
        }
        return new BatchResult(results);
    }

    @Override
    public void close() {
        connection.close();
    }

    // ---- plumbing ----

    private Request request(int command, Consumer<MessageWriter> attributes, String description) {
        return Request.genl(familyId, command, IPVS_GENL_VERSION, 0, attributes, description);
    }

    private Request request(int command, Consumer<MessageWriter> attributes, Supplier<String> description) {
        return Request.genl(familyId, command, IPVS_GENL_VERSION, 0, attributes, description);
    }

    /** A batch's request; its description is made only if an error message needs it (see {@link Request}). */
    private Request toRequest(Operation op) {
        Supplier<String> d = () -> describe(op);
        return switch (op) {
            case Operation.AddService a -> request(IPVS_CMD_NEW_SERVICE, w -> IpvsCodec.writeService(w, a.virtualService()), d);
            case Operation.EditService e -> request(IPVS_CMD_SET_SERVICE, w -> IpvsCodec.writeService(w, e.virtualService()), d);
            case Operation.DeleteService x -> request(IPVS_CMD_DEL_SERVICE, w -> IpvsCodec.writeServiceKeyNest(w, x.service()), d);
            case Operation.AddRealServer a -> request(IPVS_CMD_NEW_DEST, w -> {
                IpvsCodec.writeServiceKeyNest(w, a.service());
                IpvsCodec.writeRealServer(w, a.server());
            }, d);
            case Operation.EditRealServer e -> request(IPVS_CMD_SET_DEST, w -> {
                IpvsCodec.writeServiceKeyNest(w, e.service());
                IpvsCodec.writeRealServer(w, e.server());
            }, d);
            case Operation.DeleteRealServer x -> request(IPVS_CMD_DEL_DEST, w -> {
                IpvsCodec.writeServiceKeyNest(w, x.service());
                IpvsCodec.writeRealServerAddress(w, x.server());
            }, d);
        };
    }

    private static String describe(Operation op) {
        return switch (op) {
            case Operation.AddService a -> OperationKind.ADD_SERVICE.describe(a.service());
            case Operation.EditService e -> OperationKind.EDIT_SERVICE.describe(e.service());
            case Operation.DeleteService x -> OperationKind.DELETE_SERVICE.describe(x.service());
            case Operation.AddRealServer a -> OperationKind.ADD_REAL_SERVER.describe(a.service(), a.server().key());
            case Operation.EditRealServer e -> OperationKind.EDIT_REAL_SERVER.describe(e.service(), e.server().key());
            case Operation.DeleteRealServer x -> OperationKind.DELETE_REAL_SERVER.describe(x.service(), x.server());
        };
    }

    /** The answer was lost: a socket errno (overflow, timeout) if there was one, else a garbled reply. */
    private static IpvsException unanswered(Operation op, Outcome o) {
        String why = o.kernelMessage() == null ? "no answer from the kernel" : o.kernelMessage();
        return o.errno() == 0 ? new ProtocolException(op.toString(), why) : new KernelException(op.toString(), o.errno(), why);
    }

    private static IpvsException errorFor(Operation op, int errno, String text) {
        String d = describe(op);
        return switch (op) {
            case Operation.AddService a -> IpvsErrors.fromErrno(d, OperationKind.ADD_SERVICE, errno, text, a.virtualService());
            case Operation.EditService e -> IpvsErrors.fromErrno(d, OperationKind.EDIT_SERVICE, errno, text, e.virtualService());
            case Operation.DeleteService x -> IpvsErrors.fromErrno(d, OperationKind.DELETE_SERVICE, errno, text);
            case Operation.AddRealServer a -> IpvsErrors.fromErrno(d, OperationKind.ADD_REAL_SERVER, errno, text, a.service(), a.server());
            case Operation.EditRealServer e -> IpvsErrors.fromErrno(d, OperationKind.EDIT_REAL_SERVER, errno, text, e.service(), e.server());
            case Operation.DeleteRealServer x -> IpvsErrors.fromErrno(d, OperationKind.DELETE_REAL_SERVER, errno, text);
        };
    }

    private void run(Request r, OperationKind kind) {
        translate(r.description(), kind, () -> {
            connection.execute(r);
            return null;
        });
    }

    private void runService(Request r, OperationKind kind, VirtualService service) {
        try {
            connection.execute(r);
        } catch (MalformedMessageException e) {
            throw new ProtocolException(r.description(), e.getMessage(), e);
        } catch (NetlinkException e) {
            throw IpvsErrors.fromErrno(r.description(), kind, e.errno(), e.kernelMessage(), service);
        }
    }

    private void runRealServer(Request r, OperationKind kind, ServiceKey service, RealServer server) {
        try {
            connection.execute(r);
        } catch (MalformedMessageException e) {
            throw new ProtocolException(r.description(), e.getMessage(), e);
        } catch (NetlinkException e) {
            throw IpvsErrors.fromErrno(r.description(), kind, e.errno(), e.kernelMessage(), service, server);
        }
    }

    private <T> T single(Request r, OperationKind kind, Supplier<List<T>> call) {
        List<T> replies = translate(r.description(), kind, call);
        if (replies.size() != 1) {
            throw new ProtocolException(r.description(), "expected one reply, got " + replies.size());
        }
        return replies.get(0);
    }

    private static <T> T translate(String op, OperationKind kind, Supplier<T> call) {
        try {
            return call.get();
        } catch (MalformedMessageException e) {
            throw new ProtocolException(op, e.getMessage(), e);
        } catch (FamilyNotFoundException e) {
            throw new IpvsNotAvailableException(op, e.errno(), null);
        } catch (io.jlvs.netlink.NamespaceUnavailableException e) {
            // Not the kernel's IPVS answer to anything: say which namespace, not "no IPVS".
            throw new KernelException(op, e.errno(), null, e.getMessage());
        } catch (NetlinkException e) {
            if (e.errno() == 0) {
                throw new ProtocolException(op, e.getMessage(), e);
            }
            throw IpvsErrors.fromErrno(op, kind, e.errno(), e.kernelMessage());
        }
    }
}
