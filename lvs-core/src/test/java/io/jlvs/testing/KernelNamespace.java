package io.jlvs.testing;

import io.jlvs.ipvs.IpvsClient;
import io.jlvs.netlink.MessageWriter;
import io.jlvs.netlink.NetlinkConnection;
import io.jlvs.netlink.NetlinkSocket;
import io.jlvs.netlink.NetworkNamespace;
import io.jlvs.netlink.Request;
import io.jlvs.sys.LinuxConstants;
import io.jlvs.sys.Syscalls;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * A fresh named network namespace (as {@code ip netns add jlvs-it-<random>} makes it, see
 * {@link NamedNamespaces}) with its own, empty IPVS table, an
 * {@link IpvsClient} on it, and ipvsadm as an independent witness of what the table holds. Deleted,
 * with every client it opened, on {@link #close()}.
 *
 * <p>{@code lo} is brought up unless asked otherwise: in a namespace whose {@code lo} is still down
 * the kernel refuses every IPv4 real server with EINVAL (see KERNEL-TESTING.md).
 */
public final class KernelNamespace implements AutoCloseable {
    /** Bound on one ipvsadm or shell command; generous because the guest is emulated. */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);

    // linux/rtnetlink.h, if_link.h, if_addr.h, netlink.h, socket.h
    private static final int RTM_NEWLINK = 16;
    private static final int RTM_NEWADDR = 20;
    private static final int NLM_F_EXCL = 0x200;
    private static final int NLM_F_CREATE = 0x400;
    private static final int IFF_UP = 0x1;
    private static final int IFLA_IFNAME = 3;
    private static final int IFLA_LINKINFO = 18;
    private static final int IFLA_INFO_KIND = 1;
    private static final int IFA_ADDRESS = 1;
    private static final int IFA_LOCAL = 2;
    private static final int IFA_F_NODAD = 0x02;
    private static final int RT_SCOPE_HOST = 254;
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int LOOPBACK_IFINDEX = 1;

    private final String name;
    private final NetworkNamespace namespace;
    private final List<IpvsClient> clients = new ArrayList<>();
    private final IpvsClient ipvs;
    private boolean closed;

    private KernelNamespace(String name, boolean loopbackUp) {
        this.name = name;
        this.namespace = NetworkNamespace.named(name);
        NamedNamespaces.add(name);
        try {
            if (loopbackUp) {
                setLoopbackUp();
            }
            this.ipvs = openClient();
        } catch (RuntimeException | Error e) {
            deleteNamespace();
            throw e;
        }
    }

    /** A new namespace with {@code lo} up and a client on it. */
    public static KernelNamespace create() {
        return new KernelNamespace(newName(), true);
    }

    /** A new namespace left exactly as the kernel makes it: {@code lo} down. */
    public static KernelNamespace createWithLoopbackDown() {
        return new KernelNamespace(newName(), false);
    }

    private static String newName() {
        return "jlvs-it-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    /** The namespace's name under /run/netns. */
    public String name() {
        return name;
    }

    public NetworkNamespace namespace() {
        return namespace;
    }

    /** The client opened with the namespace (closed with it). */
    public IpvsClient ipvs() {
        return ipvs;
    }

    /** Another client on this namespace (closed with it). */
    public IpvsClient openClient() {
        IpvsClient client = IpvsClient.open(namespace);
        clients.add(client);
        return client;
    }

    /** Runs ipvsadm in the namespace and returns its stdout; a non-zero exit fails the test with its stderr. */
    public String ipvsadm(String... args) {
        return Processes.check(COMMAND_TIMEOUT, ipvsadmCommand(args));
    }

    /** Runs ipvsadm in the namespace whatever its exit status, for commands expected to fail. */
    public Processes.Result ipvsadmResult(String... args) {
        return Processes.run(COMMAND_TIMEOUT, ipvsadmCommand(args));
    }

    /** {@code ipvsadm -Sn}: the table as rules, one per line, in the kernel's order. */
    public List<String> ipvsadmSave() {
        return ipvsadm("-Sn").lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** Runs {@code sh -c command} inside the namespace and returns its stdout; a non-zero exit fails the test. */
    public String sh(String command) {
        return Processes.check(COMMAND_TIMEOUT, List.of("ip", "netns", "exec", name, "sh", "-c", command));
    }

    /**
     * Runs {@code action} on a fresh platform thread that has entered this namespace, e.g. to open
     * sockets that live in it (a socket stays in the namespace it was created in, whichever thread
     * uses it later).
     */
    public <T> T inside(Callable<T> action) {
        return namespace.call(Syscalls.system(), () -> {
            try {
                return action.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("in " + name + ": " + e, e);
            }
        });
    }

    /**
     * {@code ip link set lo up}, over rtnetlink from this JVM (RTM_NEWLINK with IFF_UP for ifindex 1,
     * which is lo in every namespace): starting processes is what costs most in an emulated guest.
     */
    public void setLoopbackUp() {
        rtnetlink("set lo up", RTM_NEWLINK, 0, ifinfomsg(LOOPBACK_IFINDEX, IFF_UP), w -> { });
    }

    /** {@code ip link add NAME type dummy && ip link set NAME up}, over rtnetlink. */
    public void addDummyInterface(String interfaceName) {
        rtnetlink("add dummy interface " + interfaceName, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL,
                ifinfomsg(0, IFF_UP), w -> {
                    w.putString(IFLA_IFNAME, interfaceName);
                    int linkInfo = w.beginNested(IFLA_LINKINFO);
                    w.putString(IFLA_INFO_KIND, "dummy");
                    w.endNested(linkInfo);
                });
    }

    /** {@code ip addr add ADDRESS/PREFIX dev lo}, over rtnetlink (IPv6 addresses without DAD). */
    public void addLoopbackAddress(InetAddress address, int prefixLength) {
        byte[] raw = address.getAddress();
        boolean v6 = raw.length == 16;
        // struct ifaddrmsg (linux/if_addr.h): family u8, prefixlen u8, flags u8, scope u8, index u32
        ByteBuffer ifaddr = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
        ifaddr.put(0, (byte) (v6 ? AF_INET6 : AF_INET)).put(1, (byte) prefixLength)
                .put(2, (byte) (v6 ? IFA_F_NODAD : 0)).put(3, (byte) RT_SCOPE_HOST).putInt(4, LOOPBACK_IFINDEX);
        rtnetlink("add address " + address.getHostAddress() + "/" + prefixLength + " to lo", RTM_NEWADDR,
                NLM_F_CREATE | NLM_F_EXCL, ifaddr.array(), w -> {
                    w.putBytes(IFA_LOCAL, raw);
                    w.putBytes(IFA_ADDRESS, raw);
                });
    }

    private static byte[] ifinfomsg(int index, int flags) {
        // struct ifinfomsg (linux/rtnetlink.h): family u8, pad u8, type u16, index s32, flags u32, change u32
        ByteBuffer ifinfo = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
        ifinfo.putInt(4, index).putInt(8, flags).putInt(12, flags);
        return ifinfo.array();
    }

    private void rtnetlink(String what, int type, int flags, byte[] header, Consumer<MessageWriter> attributes) {
        Syscalls sys = Syscalls.system();
        NetlinkSocket socket = namespace.call(sys, () -> NetlinkSocket.open(sys, LinuxConstants.NETLINK_ROUTE,
                Duration.ofSeconds(10)));
        try (NetlinkConnection rtnl = new NetlinkConnection(socket, Duration.ofSeconds(30))) {
            rtnl.execute(new Request(type, flags, w -> {
                w.putRaw(header);
                attributes.accept(w);
            }, what + " in " + name));
        }
    }

    private List<String> ipvsadmCommand(String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", name, "ipvsadm"));
        command.addAll(Arrays.asList(args));
        return command;
    }

    /** Closes the clients and deletes the namespace (its IPVS table and sync daemons go with it). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        for (IpvsClient c : clients) {
            try {
                c.close();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        deleteNamespace();
        if (failure != null) {
            throw failure;
        }
    }

    private void deleteNamespace() {
        NamedNamespaces.delete(name);
    }

    @Override
    public String toString() {
        return "network namespace " + name;
    }
}
