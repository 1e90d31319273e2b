package io.jlvs.config;

import io.jlvs.ipvs.AddressFamily;
import io.jlvs.ipvs.Protocol;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.ServiceKey;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code virtual NAME { ... }} block: one virtual service, its VIP, its scheduling, its checks and
 * its real servers.
 *
 * @param name the block's name, unique in the file
 * @param line where the block starts (0 when not read from a file)
 * @param active {@code active}: an inactive virtual server is left out of the kernel table
 * @param address {@code address}: the VIP and the device it is brought up on
 * @param vipNetmaskPrefix {@code vip_nmask} as a prefix length
 * @param port {@code port}: the service port (for a firewall-mark service, the port checks use); 0 = none
 * @param protocol {@code protocol}: tcp or udp (jLVS also sctp)
 * @param fwmark {@code fwmark}: when not 0 the kernel service is keyed by this mark, not by address and port
 * @param persistent {@code persistent}: persistence timeout; empty for a service that is not persistent
 * @param persistenceNetmaskPrefix {@code pmask} as a prefix length (32/128 = per client address)
 * @param scheduler {@code scheduler}
 * @param quiesceServer {@code quiesce_server}: a failed server gets weight 0 instead of being removed
 * @param sorryServer {@code sorry_server}: used only while no real server is up
 * @param forward {@code forward} (jLVS): this service's forwarding method; empty = the global {@code network}
 * @param slowStart {@code slow_start} (jLVS): a server coming back ramps its weight up over this long
 * @param options {@code scheduler_flags}, {@code one_packet} and the {@code tunnel_*} keys
 * @param health the check settings
 * @param realServers the {@code server} blocks, in file order
 */
public record VirtualServerConfig(
        String name,
        int line,
        boolean active,
        InterfaceAddress address,
        int vipNetmaskPrefix,
        int port,
        Protocol protocol,
        long fwmark,
        Optional<Duration> persistent,
        int persistenceNetmaskPrefix,
        Scheduler scheduler,
        boolean quiesceServer,
        Optional<RealServerConfig> sorryServer,
        Optional<NetworkMode> forward,
        Duration slowStart,
        ServiceOptions options,
        HealthCheckConfig health,
        List<RealServerConfig> realServers) {

    /** A virtual server without scheduler flags, one-packet scheduling or tunnel options. */
    public VirtualServerConfig(String name, int line, boolean active, InterfaceAddress address, int vipNetmaskPrefix,
            int port, Protocol protocol, long fwmark, Optional<Duration> persistent, int persistenceNetmaskPrefix,
            Scheduler scheduler, boolean quiesceServer, Optional<RealServerConfig> sorryServer,
            Optional<NetworkMode> forward, Duration slowStart, HealthCheckConfig health,
            List<RealServerConfig> realServers) {
        this(name, line, active, address, vipNetmaskPrefix, port, protocol, fwmark, persistent,
                persistenceNetmaskPrefix, scheduler, quiesceServer, sorryServer, forward, slowStart,
                ServiceOptions.NONE, health, realServers);
    }

    public VirtualServerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(persistent, "persistent");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(sorryServer, "sorryServer");
        Objects.requireNonNull(forward, "forward");
        Objects.requireNonNull(slowStart, "slowStart");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(health, "health");
        realServers = List.copyOf(realServers);
        if (fwmark < 0 || fwmark > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("fwmark must be 1..4294967295 (0 for none), got " + fwmark);
        }
        if (fwmark == 0 && port == 0) {
            throw new IllegalArgumentException("virtual server " + name + " needs a port or a fwmark");
        }
        int max = AddressFamily.of(address.address()).maxPrefixLength();
        if (persistenceNetmaskPrefix < 0 || persistenceNetmaskPrefix > max) {
            throw new IllegalArgumentException("pmask prefix " + persistenceNetmaskPrefix + " is not 0.." + max);
        }
    }

    /** The address family of the VIP (and so of the service). */
    public AddressFamily family() {
        return AddressFamily.of(address.address());
    }

    /** The kernel's key for this virtual server: the firewall mark when set, else protocol, VIP and port. */
    public ServiceKey serviceKey() {
        if (fwmark != 0) {
            return ServiceKey.fwmark((int) fwmark, family());
        }
        return new ServiceKey.Address(protocol, address.address(), port);
    }

    /** How packets reach this service's real servers: {@code forward}, else the global {@code network}. */
    public NetworkMode networkMode(ClusterSettings cluster) {
        return forward.orElse(cluster.network());
    }

    /** The port a real server gets in the kernel: its own, else this service's (0 for a firewall-mark service). */
    public int realServerPort(RealServerConfig server) {
        if (server.port() != 0) {
            return server.port();
        }
        return fwmark != 0 ? 0 : port;
    }

    /** The real server named {@code name}. */
    public Optional<RealServerConfig> realServer(String serverName) {
        return realServers.stream().filter(s -> s.name().equals(serverName)).findFirst();
    }
}
