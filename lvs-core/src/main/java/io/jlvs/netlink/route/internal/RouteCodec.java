package io.jlvs.netlink.route.internal;

import static io.jlvs.netlink.route.internal.RouteUapi.*;
import static io.jlvs.sys.LinuxConstants.AF_INET;
import static io.jlvs.sys.LinuxConstants.AF_INET6;

import io.jlvs.netlink.Attribute;
import io.jlvs.netlink.Attributes;
import io.jlvs.netlink.MalformedMessageException;
import io.jlvs.netlink.Message;
import io.jlvs.netlink.MessageWriter;
import io.jlvs.netlink.route.AddressScope;
import io.jlvs.netlink.route.AssignedAddress;
import io.jlvs.netlink.route.InterfaceAddress;
import io.jlvs.netlink.route.Link;
import io.jlvs.netlink.route.MacAddress;
import io.jlvs.netlink.route.Neighbour;
import io.jlvs.netlink.route.NeighbourState;
import io.jlvs.netlink.route.OperState;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.IntFunction;

/**
 * Links, addresses and neighbours to and from rtnetlink messages. Each attribute is declared once
 * below and used by both the writers (requests, and the fake kernel's replies in tests) and the readers.
 * Fixed headers are host-order structs: ifinfomsg (rtnetlink.h), ifaddrmsg (if_addr.h), ndmsg (neighbour.h).
 */
public final class RouteCodec {
    private RouteCodec() {}

    public static final Attribute<String> LINK_NAME = Attribute.string(IFLA_IFNAME, "IFLA_IFNAME");
    public static final Attribute<byte[]> LINK_ADDRESS = Attribute.bytes(IFLA_ADDRESS, "IFLA_ADDRESS");
    public static final Attribute<Integer> LINK_MTU = Attribute.u32(IFLA_MTU, "IFLA_MTU");
    public static final Attribute<Integer> LINK_OPERSTATE = Attribute.u8(IFLA_OPERSTATE, "IFLA_OPERSTATE");

    public static final Attribute<byte[]> ADDR_ADDRESS = Attribute.bytes(IFA_ADDRESS, "IFA_ADDRESS");
    public static final Attribute<byte[]> ADDR_LOCAL = Attribute.bytes(IFA_LOCAL, "IFA_LOCAL");
    public static final Attribute<String> ADDR_LABEL = Attribute.string(IFA_LABEL, "IFA_LABEL");
    public static final Attribute<byte[]> ADDR_BROADCAST = Attribute.bytes(IFA_BROADCAST, "IFA_BROADCAST");
    public static final Attribute<Integer> ADDR_FLAGS = Attribute.u32(IFA_FLAGS, "IFA_FLAGS");

    public static final Attribute<byte[]> NEIGH_DST = Attribute.bytes(NDA_DST, "NDA_DST");
    public static final Attribute<byte[]> NEIGH_LLADDR = Attribute.bytes(NDA_LLADDR, "NDA_LLADDR");

    // ---- links ----

    /** struct ifinfomsg for a request: family AF_UNSPEC, the index (0 = any), no flag changes. */
    public static void writeLinkHeader(MessageWriter w, int index) {
        w.putRaw(ifinfomsg(index, 0));
    }

    /** A link as the kernel describes it (for fake replies). */
    public static void writeLink(MessageWriter w, Link link) {
        w.putRaw(ifinfomsg(link.index(), link.up() ? IFF_UP : 0));
        LINK_NAME.write(w, link.name());
        LINK_ADDRESS.write(w, link.mac() == null ? null : link.mac().bytes());
        LINK_MTU.write(w, link.mtu());
        LINK_OPERSTATE.write(w, link.operState().ordinal());
    }

    public static Link readLink(Message m) {
        ByteBuffer b = header(m, IFINFOMSG_LEN, "ifinfomsg");
        int index = b.getInt(m.payloadOffset() + 4);
        int flags = b.getInt(m.payloadOffset() + 8);
        Attributes a = m.attributes(IFINFOMSG_LEN);
        byte[] hw = LINK_ADDRESS.read(a);
        Integer mtu = LINK_MTU.read(a);
        Integer oper = LINK_OPERSTATE.read(a);
        return new Link(index, LINK_NAME.require(a), hw != null && hw.length == MacAddress.LENGTH ? MacAddress.of(hw) : null,
                (flags & IFF_UP) != 0, oper == null ? OperState.UNKNOWN : OperState.fromKernel(oper),
                mtu == null ? 0 : mtu);
    }

    private static byte[] ifinfomsg(int index, int flags) {
        ByteBuffer b = ByteBuffer.allocate(IFINFOMSG_LEN).order(ByteOrder.nativeOrder());
        b.putInt(4, index).putInt(8, flags);
        return b.array();
    }

    // ---- addresses ----

    /** struct ifaddrmsg for a dump: the family (AF_UNSPEC for both), everything else 0. */
    public static void writeAddressDumpHeader(MessageWriter w, int family) {
        w.putRaw(ifaddrmsg(family, 0, 0, 0, 0));
    }

    /**
     * RTM_NEWADDR / RTM_DELADDR body for {@code a} on interface {@code index}: IFA_LOCAL and IFA_ADDRESS
     * both the address (not point-to-point), IFA_LABEL and IFA_BROADCAST for IPv4, IFA_F_NODAD for IPv6
     * so a floating VIP is usable at once instead of after duplicate address detection (~1 s tentative).
     */
    public static void writeAddress(MessageWriter w, InterfaceAddress a, int index, boolean withDetails) {
        boolean v4 = a.isIpv4();
        int flags = v4 ? 0 : IFA_F_NODAD;
        w.putRaw(ifaddrmsg(v4 ? AF_INET : AF_INET6, a.prefixLength(), flags, RT_SCOPE_UNIVERSE, index));
        byte[] raw = a.address().getAddress();
        ADDR_LOCAL.write(w, raw);
        ADDR_ADDRESS.write(w, raw);
        if (withDetails && v4) {
            ADDR_LABEL.write(w, a.label());
            ADDR_BROADCAST.write(w, a.broadcast() == null ? null : a.broadcast().getAddress());
        }
        if (withDetails && !v4) {
            ADDR_FLAGS.write(w, flags);
        }
    }

    /** An address as the kernel describes it (for fake replies). */
    public static void writeAssignedAddress(MessageWriter w, AssignedAddress a) {
        boolean v4 = a.address().getAddress().length == 4;
        w.putRaw(ifaddrmsg(v4 ? AF_INET : AF_INET6, a.prefixLength(), a.flags() & 0xff,
                a.scope().kernelValue(), a.interfaceIndex()));
        ADDR_ADDRESS.write(w, a.address().getAddress());
        ADDR_LOCAL.write(w, a.address().getAddress());
        ADDR_LABEL.write(w, v4 ? a.label() : null);
        ADDR_FLAGS.write(w, a.flags());
    }

    /** Reads RTM_NEWADDR; {@code names} turns an interface index into its name. */
    public static AssignedAddress readAddress(Message m, IntFunction<String> names) {
        ByteBuffer b = header(m, IFADDRMSG_LEN, "ifaddrmsg");
        int at = m.payloadOffset();
        int family = Byte.toUnsignedInt(b.get(at));
        int prefix = Byte.toUnsignedInt(b.get(at + 1));
        int flags = Byte.toUnsignedInt(b.get(at + 2));
        int scope = Byte.toUnsignedInt(b.get(at + 3));
        int index = b.getInt(at + 4);
        Attributes a = m.attributes(IFADDRMSG_LEN);
        // IFA_LOCAL is the interface's own address; IFA_ADDRESS is the peer on point-to-point links.
        byte[] raw = ADDR_LOCAL.read(a);
        if (raw == null) {
            raw = ADDR_ADDRESS.require(a);
        }
        Integer wide = ADDR_FLAGS.read(a);
        String name = names.apply(index);
        String label = ADDR_LABEL.read(a);
        return new AssignedAddress(index, name, inet(raw, family, "address"), prefix,
                label == null ? name : label, AddressScope.fromKernel(scope), wide != null ? wide : flags);
    }

    private static byte[] ifaddrmsg(int family, int prefix, int flags, int scope, int index) {
        ByteBuffer b = ByteBuffer.allocate(IFADDRMSG_LEN).order(ByteOrder.nativeOrder());
        b.put(0, (byte) family).put(1, (byte) prefix).put(2, (byte) flags).put(3, (byte) scope).putInt(4, index);
        return b.array();
    }

    // ---- neighbours ----

    /** struct ndmsg for a dump: the family (AF_UNSPEC for ARP and NDP), everything else 0. */
    public static void writeNeighbourDumpHeader(MessageWriter w, int family) {
        w.putRaw(ndmsg(family, 0, 0));
    }

    /** A neighbour entry as the kernel describes it (for fake replies); {@code stateBits} is ndm_state. */
    public static void writeNeighbour(MessageWriter w, int index, InetAddress address, MacAddress mac, int stateBits) {
        w.putRaw(ndmsg(address.getAddress().length == 4 ? AF_INET : AF_INET6, index, stateBits));
        NEIGH_DST.write(w, address.getAddress());
        NEIGH_LLADDR.write(w, mac == null ? null : mac.bytes());
    }

    /** Reads RTM_NEWNEIGH; null for entries that are not IPv4/IPv6 (bridge FDB entries share the message type). */
    public static Neighbour readNeighbour(Message m, IntFunction<String> names) {
        ByteBuffer b = header(m, NDMSG_LEN, "ndmsg");
        int at = m.payloadOffset();
        int family = Byte.toUnsignedInt(b.get(at));
        if (family != AF_INET && family != AF_INET6) {
            return null;
        }
        int index = b.getInt(at + 4);
        int state = Short.toUnsignedInt(b.getShort(at + 8));
        Attributes a = m.attributes(NDMSG_LEN);
        byte[] dst = NEIGH_DST.read(a);
        if (dst == null) {
            return null;
        }
        byte[] ll = NEIGH_LLADDR.read(a);
        return new Neighbour(index, names.apply(index), inet(dst, family, "NDA_DST"),
                ll != null && ll.length == MacAddress.LENGTH ? MacAddress.of(ll) : null, NeighbourState.fromKernel(state));
    }

    private static byte[] ndmsg(int family, int index, int state) {
        ByteBuffer b = ByteBuffer.allocate(NDMSG_LEN).order(ByteOrder.nativeOrder());
        b.put(0, (byte) family).putInt(4, index).putShort(8, (short) state);
        return b.array();
    }

    // ---- shared ----

    private static ByteBuffer header(Message m, int length, String struct) {
        if (m.payloadLength() < length) {
            throw new MalformedMessageException("message type " + m.type() + " of " + m.payloadLength()
                    + " bytes is shorter than struct " + struct + " (" + length + ")");
        }
        return m.buffer();
    }

    private static InetAddress inet(byte[] raw, int family, String what) {
        int expected = family == AF_INET ? 4 : 16;
        if (raw.length != expected) {
            throw new MalformedMessageException(what + " of " + raw.length + " bytes for family " + family);
        }
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new MalformedMessageException(what + ": " + e.getMessage());
        }
    }
}
