package io.jlvs.netlink.route;

import static io.jlvs.netlink.NetlinkConstants.NLM_F_DUMP;
import static io.jlvs.netlink.route.internal.RouteUapi.*;

import io.jlvs.netlink.FakeKernel;
import io.jlvs.netlink.Message;
import io.jlvs.netlink.NetworkNamespace;
import io.jlvs.netlink.route.internal.RouteCodec;
import io.jlvs.sys.Errno;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An rtnetlink stand-in with state: links, addresses and neighbours that RTM_GET* dumps list and
 * RTM_NEWADDR / RTM_DELADDR change, answering as net/ipv4/devinet.c and net/core/rtnetlink.c do
 * (EEXIST, EADDRNOTAVAIL, ENODEV). Replies are written with the production {@link RouteCodec}.
 */
public final class FakeRouteKernel {
    private final List<Link> links = new ArrayList<>();
    private final List<AssignedAddress> addresses = new ArrayList<>();
    private final List<Neighbour> neighbours = new ArrayList<>();
    private final Map<InetAddress, Integer> refusals = new HashMap<>();
    private final FakeKernel kernel = new FakeKernel(FakeKernel.eachRequest(this::answer));

    public FakeRouteKernel withLink(int index, String name, String mac) {
        links.add(new Link(index, name, mac == null ? null : MacAddress.parse(mac), true, OperState.UP, 1500));
        return this;
    }

    public FakeRouteKernel withAddress(int index, String address, int prefix, String label) {
        addresses.add(new AssignedAddress(index, nameOf(index), inet(address), prefix, label, AddressScope.GLOBAL,
                IFA_F_PERMANENT));
        return this;
    }

    public FakeRouteKernel withNeighbour(int index, String address, String mac, int state) {
        neighbours.add(new Neighbour(index, nameOf(index), inet(address), mac == null ? null : MacAddress.parse(mac),
                NeighbourState.fromKernel(state)));
        return this;
    }

    /** Makes RTM_NEWADDR and RTM_DELADDR for {@code address} fail with {@code errno}. */
    public FakeRouteKernel refusing(String address, int errno) {
        refusals.put(inet(address), errno);
        return this;
    }

    public FakeKernel kernel() {
        return kernel;
    }

    /** A client over this fake. */
    public RouteClient client() {
        return RouteClient.over(kernel, NetworkNamespace.current());
    }

    /** The addresses the fake holds now. */
    public List<AssignedAddress> addresses() {
        return List.copyOf(addresses);
    }

    private void answer(FakeKernel.Reply reply, Message m) {
        switch (m.type()) {
            case RTM_GETLINK -> {
                if (m.hasFlag(NLM_F_DUMP)) {
                    links.forEach(l -> reply.multi(m, RTM_NEWLINK, w -> RouteCodec.writeLink(w, l)));
                    reply.done(m);
                    return;
                }
                int index = m.buffer().getInt(m.payloadOffset() + 4);
                String name = RouteCodec.LINK_NAME.read(m.attributes(IFINFOMSG_LEN));
                Link found = links.stream().filter(l -> index != 0 ? l.index() == index : l.name().equals(name))
                        .findFirst().orElse(null);
                if (found == null) {
                    reply.error(m, Errno.ENODEV);
                    return;
                }
                reply.data(m, RTM_NEWLINK, w -> RouteCodec.writeLink(w, found));
                reply.ack(m);
            }
            case RTM_GETADDR -> {
                addresses.forEach(a -> reply.multi(m, RTM_NEWADDR, w -> RouteCodec.writeAssignedAddress(w, a)));
                reply.done(m);
            }
            case RTM_GETNEIGH -> {
                neighbours.forEach(n -> reply.multi(m, RTM_NEWNEIGH, w -> RouteCodec.writeNeighbour(w,
                        n.interfaceIndex(), n.address(), n.mac(), stateBits(n.state()))));
                reply.done(m);
            }
            case RTM_NEWADDR, RTM_DELADDR -> changeAddress(reply, m);
            default -> reply.error(m, Errno.EOPNOTSUPP);
        }
    }

    private void changeAddress(FakeKernel.Reply reply, Message m) {
        int at = m.payloadOffset();
        int prefix = Byte.toUnsignedInt(m.buffer().get(at + 1));
        int index = m.buffer().getInt(at + 4);
        var attrs = m.attributes(IFADDRMSG_LEN);
        InetAddress address = inetOf(RouteCodec.ADDR_LOCAL.require(attrs));
        if (refusals.containsKey(address)) {
            reply.error(m, refusals.get(address));
            return;
        }
        if (links.stream().noneMatch(l -> l.index() == index)) {
            reply.error(m, Errno.ENODEV);
            return;
        }
        AssignedAddress existing = addresses.stream()
                .filter(a -> a.interfaceIndex() == index && a.address().equals(address) && a.prefixLength() == prefix)
                .findFirst().orElse(null);
        if (m.type() == RTM_NEWADDR) {
            if (existing != null) {
                reply.error(m, Errno.EEXIST);
                return;
            }
            String label = RouteCodec.ADDR_LABEL.read(attrs);
            addresses.add(new AssignedAddress(index, nameOf(index), address, prefix, label == null ? nameOf(index) : label,
                    AddressScope.GLOBAL, IFA_F_PERMANENT));
        } else {
            if (existing == null) {
                reply.error(m, Errno.EADDRNOTAVAIL);
                return;
            }
            addresses.remove(existing);
        }
        reply.ack(m);
    }

    private String nameOf(int index) {
        return links.stream().filter(l -> l.index() == index).map(Link::name).findFirst().orElse("if" + index);
    }

    private static int stateBits(NeighbourState s) {
        return switch (s) {
            case NONE -> 0;
            case INCOMPLETE -> NUD_INCOMPLETE;
            case REACHABLE -> NUD_REACHABLE;
            case STALE -> NUD_STALE;
            case DELAY -> NUD_DELAY;
            case PROBE -> NUD_PROBE;
            case FAILED -> NUD_FAILED;
            case NOARP -> NUD_NOARP;
            case PERMANENT -> NUD_PERMANENT;
        };
    }

    static InetAddress inet(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static InetAddress inetOf(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
