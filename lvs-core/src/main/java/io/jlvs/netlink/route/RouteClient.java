package io.jlvs.netlink.route;

import static io.jlvs.netlink.NetlinkConstants.NLM_F_CREATE;
import static io.jlvs.netlink.NetlinkConstants.NLM_F_EXCL;
import static io.jlvs.netlink.route.internal.RouteUapi.RTM_DELADDR;
import static io.jlvs.netlink.route.internal.RouteUapi.RTM_GETADDR;
import static io.jlvs.netlink.route.internal.RouteUapi.RTM_GETLINK;
import static io.jlvs.netlink.route.internal.RouteUapi.RTM_GETNEIGH;
import static io.jlvs.netlink.route.internal.RouteUapi.RTM_NEWADDR;
import static io.jlvs.sys.LinuxConstants.AF_UNSPEC;

import io.jlvs.netlink.MalformedMessageException;
import io.jlvs.netlink.MessageWriter;
import io.jlvs.netlink.NetlinkConnection;
import io.jlvs.netlink.NetlinkException;
import io.jlvs.netlink.NetlinkSocket;
import io.jlvs.netlink.NetlinkTransport;
import io.jlvs.netlink.NetworkNamespace;
import io.jlvs.netlink.Outcome;
import io.jlvs.netlink.Request;
import io.jlvs.netlink.route.internal.RouteCodec;
import io.jlvs.sys.Errno;
import io.jlvs.sys.LinuxConstants;
import io.jlvs.sys.Syscalls;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The interfaces, addresses and neighbour table of one network namespace, over one rtnetlink socket:
 * what {@code ip link}, {@code ip addr} and {@code ip neigh} show and do, without forking them.
 *
 * <pre>{@code
 * try (RouteClient route = RouteClient.open()) {
 *     InterfaceAddress vip = InterfaceAddress.of("eth0", InetAddress.getByName("10.0.0.100"), 24).withLabel("eth0:1");
 *     route.addAddressIfAbsent(vip);
 * }
 * }</pre>
 *
 * <p>Thread-safe (calls are serialized on the one socket). Changing addresses needs CAP_NET_ADMIN.
 */
public final class RouteClient implements AutoCloseable {
    private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(10);

    private final NetlinkConnection connection;
    private final NetworkNamespace namespace;

    private RouteClient(NetlinkConnection connection, NetworkNamespace namespace) {
        this.connection = connection;
        this.namespace = namespace;
    }

    /** A client for the caller's network namespace. */
    public static RouteClient open() {
        return open(NetworkNamespace.current());
    }

    /** A client whose socket lives in {@code namespace}, whichever thread calls it later. */
    public static RouteClient open(NetworkNamespace namespace) {
        return open(namespace, Syscalls.system());
    }

    public static RouteClient open(NetworkNamespace namespace, Syscalls sys) {
        NetlinkSocket socket = translate("open rtnetlink socket in " + namespace, () -> namespace.call(sys,
                () -> NetlinkSocket.open(sys, LinuxConstants.NETLINK_ROUTE, RECEIVE_TIMEOUT)));
        return over(socket, namespace);
    }

    /** A client over an open transport (a fake kernel in tests); the client owns it from here on. */
    public static RouteClient over(NetlinkTransport transport, NetworkNamespace namespace) {
        return new RouteClient(new NetlinkConnection(transport, Duration.ofMinutes(1)), namespace);
    }

    public NetworkNamespace namespace() {
        return namespace;
    }

    // ---- links ----

    /** Every interface, as {@code ip link show}. */
    public synchronized List<Link> links() {
        return translate("list interfaces", () -> connection.dump(
                new Request(RTM_GETLINK, 0, w -> RouteCodec.writeLinkHeader(w, 0), "list interfaces"),
                RouteCodec::readLink));
    }

    /** The interface called {@code name}, if there is one. */
    public synchronized Optional<Link> link(String name) {
        InterfaceAddress.checkInterfaceName(name);
        return getLink("get interface " + name, w -> {
            RouteCodec.writeLinkHeader(w, 0);
            RouteCodec.LINK_NAME.write(w, name);
        });
    }

    /** The interface with ifindex {@code index}, if there is one. */
    public synchronized Optional<Link> link(int index) {
        if (index <= 0) {
            throw new IllegalArgumentException("interface index must be positive, got " + index);
        }
        return getLink("get interface index " + index, w -> RouteCodec.writeLinkHeader(w, index));
    }

    /** The interface called {@code name}; {@link NoSuchInterfaceException} when there is none. */
    public Link requireLink(String name) {
        return link(name).orElseThrow(() -> new NoSuchInterfaceException(name, namespace.toString()));
    }

    private Optional<Link> getLink(String op, Consumer<MessageWriter> body) {
        try {
            List<Link> found = connection.request(new Request(RTM_GETLINK, 0, body, op), RouteCodec::readLink);
            return found.stream().findFirst();
        } catch (NetlinkException e) {
            if (e.errno() == Errno.ENODEV) {
                return Optional.empty();
            }
            throw toRouteException(op, e);
        }
    }

    // ---- addresses ----

    /** Every address of every interface, IPv4 and IPv6, as {@code ip addr show}. */
    public synchronized List<AssignedAddress> addresses() {
        Map<Integer, String> names = linkNames();
        return translate("list addresses", () -> connection.dump(
                new Request(RTM_GETADDR, 0, w -> RouteCodec.writeAddressDumpHeader(w, AF_UNSPEC), "list addresses"),
                m -> RouteCodec.readAddress(m, i -> names.getOrDefault(i, "if" + i))));
    }

    /** The addresses of interface {@code name}; {@link NoSuchInterfaceException} when there is none. */
    public List<AssignedAddress> addresses(String interfaceName) {
        Link link = requireLink(interfaceName);
        return addresses().stream().filter(a -> a.interfaceIndex() == link.index()).toList();
    }

    /** True when {@code address} (interface, address and prefix length) is on its interface now. */
    public boolean hasAddress(InterfaceAddress address) {
        return addresses().stream().anyMatch(a -> a.matches(address));
    }

    /**
     * Adds {@code address} (RTM_NEWADDR with NLM_F_CREATE | NLM_F_EXCL).
     *
     * @throws AddressExistsException   when it is already there
     * @throws NoSuchInterfaceException when its interface does not exist
     */
    public synchronized void addAddress(InterfaceAddress address) {
        Link link = requireLink(address.interfaceName());
        String op = "add address " + address;
        try {
            connection.execute(new Request(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL,
                    w -> RouteCodec.writeAddress(w, address, link.index(), true), op));
        } catch (NetlinkException e) {
            if (e.errno() == Errno.EEXIST) {
                throw new AddressExistsException(address, e.kernelMessage());
            }
            throw toRouteException(op, e);
        }
    }

    /** Adds {@code address} unless it is there already; returns true when this call added it. */
    public boolean addAddressIfAbsent(InterfaceAddress address) {
        try {
            addAddress(address);
            return true;
        } catch (AddressExistsException e) {
            return false;
        }
    }

    /**
     * Deletes {@code address} (RTM_DELADDR, matched by address and prefix length on its interface).
     * Deleting the primary IPv4 address of a subnet also deletes that subnet's secondaries unless the
     * interface has {@code promote_secondaries} set: floating addresses should be secondaries.
     *
     * @throws NoSuchAddressException   when it is not there
     * @throws NoSuchInterfaceException when its interface does not exist
     */
    public synchronized void deleteAddress(InterfaceAddress address) {
        Link link = requireLink(address.interfaceName());
        String op = "delete address " + address;
        try {
            connection.execute(new Request(RTM_DELADDR, 0,
                    w -> RouteCodec.writeAddress(w, address, link.index(), false), op));
        } catch (NetlinkException e) {
            if (e.errno() == Errno.EADDRNOTAVAIL) {
                throw new NoSuchAddressException(address, e.kernelMessage());
            }
            throw toRouteException(op, e);
        }
    }

    /** Deletes {@code address} if it is there; returns true when this call deleted it. */
    public boolean deleteAddressIfPresent(InterfaceAddress address) {
        try {
            deleteAddress(address);
            return true;
        } catch (NoSuchAddressException e) {
            return false;
        }
    }

    /**
     * Adds every address of {@code addresses} that is not there yet (RTM_NEWADDR with NLM_F_CREATE |
     * NLM_F_EXCL), many to a datagram as an IPVS batch sends its operations ({@link NetlinkConnection#batch}):
     * 10,000 VIPs cost about 20 sends instead of 10,000 round trips, and each interface is looked up once.
     * Every address is tried, whatever happens to the others; each one's outcome is in the result, in
     * the same order ({@link AddressChange.Result#UNCHANGED} for one already there). Never throws for
     * one address's failure.
     */
    public synchronized List<AddressChange> addAddresses(List<InterfaceAddress> addresses) {
        return change(addresses, true);
    }

    /**
     * Deletes every address of {@code addresses} that is there (RTM_DELADDR), batched as {@link
     * #addAddresses} is; {@link AddressChange.Result#UNCHANGED} for one already gone.
     */
    public synchronized List<AddressChange> deleteAddresses(List<InterfaceAddress> addresses) {
        return change(addresses, false);
    }

    private List<AddressChange> change(List<InterfaceAddress> addresses, boolean add) {
        String verb = add ? "add address " : "delete address ";
        AddressChange[] out = new AddressChange[addresses.size()];
        Map<String, Optional<Link>> links = new HashMap<>();
        List<Request> requests = new ArrayList<>();
        List<Integer> sent = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            InterfaceAddress a = Objects.requireNonNull(addresses.get(i), "address");
            Optional<Link> link;
            try {
                link = links.computeIfAbsent(a.interfaceName(), this::link);
            } catch (RouteException e) {
                out[i] = new AddressChange(a, AddressChange.Result.FAILED, Optional.of(e));
                continue;
            }
            if (link.isEmpty()) {
                out[i] = new AddressChange(a, AddressChange.Result.FAILED,
                        Optional.of(new NoSuchInterfaceException(a.interfaceName(), namespace.toString())));
                continue;
            }
            int index = link.get().index();
            requests.add(new Request(add ? RTM_NEWADDR : RTM_DELADDR, add ? NLM_F_CREATE | NLM_F_EXCL : 0,
                    w -> RouteCodec.writeAddress(w, a, index, add), () -> verb + a));
            sent.add(i);
        }
        List<Outcome> outcomes = connection.batch(requests, false, null);
        int absent = add ? Errno.EEXIST : Errno.EADDRNOTAVAIL;
        for (int k = 0; k < outcomes.size(); k++) {
            Outcome o = outcomes.get(k);
            InterfaceAddress a = addresses.get(sent.get(k));
            out[sent.get(k)] = switch (o.status()) {
                case APPLIED -> new AddressChange(a, AddressChange.Result.CHANGED, Optional.empty());
                case FAILED -> o.errno() == absent
                        ? new AddressChange(a, AddressChange.Result.UNCHANGED, Optional.empty())
                        : new AddressChange(a, AddressChange.Result.FAILED, Optional.of(
                                toRouteException(verb + a, NetlinkException.of(verb + a, o.errno(), o.kernelMessage()))));
                case UNKNOWN, NOT_SENT -> new AddressChange(a, AddressChange.Result.FAILED, Optional.of(
                        new RouteException(o.toString(), o.errno(), null, null)));
            };
        }
        return List.of(out);
    }

    // ---- neighbours ----

    /** The neighbour (ARP and NDP) table, as {@code ip neigh show}. */
    public synchronized List<Neighbour> neighbours() {
        Map<Integer, String> names = linkNames();
        List<Neighbour> all = translate("list neighbours", () -> connection.dump(
                new Request(RTM_GETNEIGH, 0, w -> RouteCodec.writeNeighbourDumpHeader(w, AF_UNSPEC), "list neighbours"),
                m -> RouteCodec.readNeighbour(m, i -> names.getOrDefault(i, "if" + i))));
        return all.stream().filter(Objects::nonNull).toList();
    }

    /** The entry for {@code address} on interface {@code interfaceName}, if the table has one. */
    public Optional<Neighbour> neighbour(String interfaceName, InetAddress address) {
        return neighbours().stream()
                .filter(n -> n.interfaceName().equals(interfaceName) && n.address().equals(address))
                .findFirst();
    }

    @Override
    public synchronized void close() {
        connection.close();
    }

    private Map<Integer, String> linkNames() {
        Map<Integer, String> names = new HashMap<>();
        for (Link l : links()) {
            names.put(l.index(), l.name());
        }
        return names;
    }

    private static <T> T translate(String op, Supplier<T> action) {
        try {
            return action.get();
        } catch (NetlinkException e) {
            throw toRouteException(op, e);
        }
    }

    private static RouteException toRouteException(String op, NetlinkException e) {
        if (e instanceof MalformedMessageException) {
            return new RouteException(op + ": malformed reply from the kernel: " + e.getMessage(), 0, null, e);
        }
        if (e.errno() == 0) {
            return new RouteException(op + ": " + e.getMessage(), 0, null, e);
        }
        return new RouteException(RouteException.describe(op, e.errno(), e.kernelMessage()), e.errno(), e.kernelMessage(), e);
    }
}
