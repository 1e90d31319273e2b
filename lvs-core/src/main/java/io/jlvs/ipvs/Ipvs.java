package io.jlvs.ipvs;

import io.jlvs.netlink.FamilyNotFoundException;
import io.jlvs.netlink.NetlinkConnection;
import io.jlvs.netlink.NetlinkException;
import io.jlvs.netlink.NetlinkSocket;
import io.jlvs.sys.LinuxConstants;
import io.jlvs.sys.NativeAvailability;
import io.jlvs.sys.Syscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.jlvs.netlink.NetworkNamespace;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * The IPVS table of one network namespace: services, real servers, counters, timeouts, the
 * connection-sync daemon, and batches of changes. {@link IpvsClient} is the kernel's (over generic
 * netlink); {@link InMemoryIpvs} keeps a table in memory that answers as the kernel does, for tests of
 * code that programs IPVS. Every failure is an {@link IpvsException} naming the operation and the object.
 *
 * <p>The static methods say whether IPVS can be used from here at all, and if not, why: asked before
 * any real call, so an application can say "this kernel has no IPVS" instead of failing deep inside
 * one. Checked afresh on every call (a module may have been loaded since).
 */
public interface Ipvs extends AutoCloseable {
    /** CAP_NET_ADMIN's bit in the capability sets (include/uapi/linux/capability.h). */
    int CAP_NET_ADMIN = 12;

    /** The namespace whose table this is. */
    NetworkNamespace namespace();

    /** The IPVS version and connection-table size. */
    IpvsInfo info();

    /** Deletes every virtual service (and so every real server). */
    void flush();

    /** Zeroes the counters of every service and real server. */
    void zeroAll();

    /** Zeroes the counters of one service and its real servers. */
    void zero(ServiceKey key);

    void addService(VirtualService service);

    /** Changes a service's settings in place: established connections are kept. */
    void editService(VirtualService service);

    /** Deletes a service and its real servers. */
    void deleteService(ServiceKey key);

    /** One service with its counters, or empty if there is none with that key. */
    Optional<ServiceEntry> service(ServiceKey key);

    /** Every service with its counters, in the kernel's order. */
    List<ServiceEntry> services();

    void addRealServer(ServiceKey service, RealServer server);

    void editRealServer(ServiceKey service, RealServer server);

    void deleteRealServer(ServiceKey service, RealServerAddress server);

    /** The real servers of a service with their connection counts and counters, newest first. */
    List<RealServerEntry> realServers(ServiceKey service);

    Timeouts timeouts();

    /** Sets the tcp, tcpfin and udp timeouts; a zero duration leaves that one unchanged. */
    void setTimeouts(Timeouts timeouts);

    List<SyncDaemon> syncDaemons();

    void startSyncDaemon(SyncDaemon daemon);

    void stopSyncDaemon(SyncDaemon.State state);

    /** Applies a batch, continuing past failures; see {@link #apply(Batch, boolean, IntConsumer)}. */
    BatchResult apply(Batch batch);

    /**
     * Applies the batch's operations in order and reports each one's fate.
     *
     * @param stopAtFailure stop after the first failure (what was already sent is still handled; the
     *                      result says which)
     * @param progress      told the number of operations answered so far, or null
     */
    BatchResult apply(Batch batch, boolean stopAtFailure, IntConsumer progress);

    @Override
    void close();

    /** True when the native layer loads, the kernel has IPVS and this process holds CAP_NET_ADMIN. */
    static boolean isAvailable() {
        return unavailabilityCause().isEmpty();
    }

    /** Why IPVS cannot be used, in words an operator can act on; empty when it can. Never throws. */
    static Optional<String> unavailabilityCause() {
        if (!NativeAvailability.isAvailable()) {
            return Optional.of("native syscall layer could not load: " + NativeAvailability.unavailabilityCause());
        }
        Syscalls sys = Syscalls.system();
        try (NetlinkConnection nl = new NetlinkConnection(NetlinkSocket.open(sys, LinuxConstants.NETLINK_GENERIC))) {
            nl.resolveFamily(io.jlvs.ipvs.internal.IpvsUapi.IPVS_GENL_NAME);
        } catch (FamilyNotFoundException e) {
            return Optional.of("this kernel has no IPVS (CONFIG_IP_VS), or module ip_vs is not loaded: modprobe ip_vs");
        } catch (NetlinkException e) {
            return Optional.of("generic netlink is not usable: " + e.getMessage());
        }
        if (!hasNetAdmin()) {
            return Optional.of("not permitted: IPVS needs CAP_NET_ADMIN (run as root)");
        }
        return Optional.empty();
    }

    /** Reads CapEff from /proc/self/status; if it cannot be read, assumes yes and lets the kernel decide. */
    private static boolean hasNetAdmin() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    long caps = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                    return (caps & (1L << CAP_NET_ADMIN)) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return true;
        }
        return true;
    }
}
