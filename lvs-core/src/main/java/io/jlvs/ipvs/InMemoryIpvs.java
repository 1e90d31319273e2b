package io.jlvs.ipvs;

import io.jlvs.ipvs.internal.memory.IpvsMemoryKernel;
import io.jlvs.ipvs.internal.memory.MemoryTransport;
import io.jlvs.netlink.NetworkNamespace;

/**
 * An IPVS table in memory, for the tests of code that programs IPVS: no kernel, no root, no native
 * code. Its clients are real {@link IpvsClient}s whose requests go, encoded as for the kernel, to a
 * model of the kernel's IPVS control code instead of a socket, so they validate, fail and list as
 * against a kernel: the same {@link IpvsException} subclasses with the same messages and errno
 * ({@link AlreadyExistsException}, {@link NoSuchServiceException}, {@link NoSuchRealServerException},
 * {@link SchedulerNotAvailableException}, ...), the same defaults, real servers newest first. A shared
 * contract suite runs against this and against the kernel (IpvsContract in the project's tests).
 *
 * <pre>{@code
 * InMemoryIpvs table = new InMemoryIpvs();
 * try (Ipvs ipvs = table.open()) {
 *     myCode.programServices(ipvs);
 *     assertEquals(2, ipvs.realServers(web).size());
 * }
 * }</pre>
 *
 * <p>What a kernel has and a model does not: connections and counters (always zero), interfaces (a sync
 * daemon takes any interface name), schedulers a kernel lacks (every mainline one is here), and the
 * order of services within the address and firewall-mark groups, which in a kernel depends on memory
 * addresses (here newest first). Clients of one table see each other's changes; not thread-safe
 * across clients used at once.
 */
public final class InMemoryIpvs {
    private final IpvsMemoryKernel kernel = new IpvsMemoryKernel();

    /** An empty table. */
    public InMemoryIpvs() {
    }

    /** A client of this table (close it when done; the table stays). */
    public IpvsClient open() {
        return IpvsClient.over(new MemoryTransport(kernel), NetworkNamespace.current());
    }
}
