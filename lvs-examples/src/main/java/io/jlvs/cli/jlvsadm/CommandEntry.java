package io.jlvs.cli.jlvsadm;

import io.jlvs.ipvs.AddressFamily;
import io.jlvs.ipvs.ForwardingMethod;
import io.jlvs.ipvs.Persistence;
import io.jlvs.ipvs.Protocol;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerAddress;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.SchedulerFlag;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.SyncDaemon;
import io.jlvs.ipvs.Timeouts;
import io.jlvs.ipvs.TunnelFlag;
import io.jlvs.ipvs.TunnelOptions;
import io.jlvs.ipvs.TunnelType;
import io.jlvs.ipvs.VirtualService;
import java.net.InetAddress;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * What the options of one command line set, field by field as in ipvsadm's struct
 * ipvs_command_entry (with ipvsadm's defaults), and the checks ipvsadm's process_options makes once
 * all options are read. {@link #toParsedCommand} turns it into the typed API's values.
 */
final class CommandEntry {
    /** ipvsadm's default persistence timeout, IPVS_SVC_PERSISTENT_TIMEOUT (6*60; its man page says 300). */
    static final long DEFAULT_PERSISTENCE_SECONDS = 360;
    /** ipvsadm's MAX_TIMEOUT: 31 days. */
    static final long MAX_TIMEOUT = 86400L * 31;

    Command command;
    final EnumSet<Opt> options = EnumSet.noneOf(Opt.class);
    final EnumSet<ListFormat> format = EnumSet.noneOf(ListFormat.class);

    // the service (ipvs_service_t)
    AddressFamily family; // null until an address or -f sets it (ipvsadm's af 0)
    Protocol protocol; // null: IPPROTO_IP
    InetAddress address;
    int port;
    long fwmark;
    String scheduler = "";
    boolean persistent;
    long timeout;
    /** IPv4: the mask as a number (0xffffffff = /32); IPv6: the prefix length. */
    long netmask = 0xFFFF_FFFFL;
    boolean onePacket;
    String persistenceEngine = "";
    int schedulerFlagBits;

    // the real server (ipvs_dest_t)
    AddressFamily destFamily;
    InetAddress destAddress;
    int destPort;
    ForwardingMethod forwarding = ForwardingMethod.DIRECT_ROUTE;
    int weight = RealServer.DEFAULT_WEIGHT;
    int upperThreshold;
    int lowerThreshold;
    TunnelType tunnelType = TunnelType.IPIP;
    int tunnelPort;
    final EnumSet<TunnelFlag> tunnelFlags = EnumSet.noneOf(TunnelFlag.class);

    // --set
    Timeouts timeouts;

    // the sync daemon (ipvs_daemon_t)
    SyncDaemon.State daemonState;
    String multicastInterface = "";
    int syncId;
    int syncMaxLength;
    InetAddress multicastGroup;
    int multicastPort;
    int multicastTtl;

    /** process_options: ipvsadm's checks across options, its defaults, then the typed values. */
    ParsedCommand toParsedCommand(ParsedCommand.GlobalOptions global) throws UsageException {
        if (command == Command.HELP || command == Command.VERSION) {
            return parsed(global, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
        OptionTable.checkCommand(command, options);
        if (command == Command.ADD_SERVICE || command == Command.EDIT_SERVICE) {
            if (fwmark == 0 && port == 0 && !persistent) {
                throw new UsageException("Zero port specified for non-persistent service");
            }
            if (onePacket && fwmark == 0 && protocol != Protocol.UDP) {
                throw new UsageException("One-Packet Scheduling is only for UDP virtual services");
            }
            if (scheduler.isEmpty()) {
                scheduler = Scheduler.WLC.name();
            }
        }
        if (command == Command.START_DAEMON && multicastInterface.isEmpty()) {
            multicastInterface = "eth0";
        }
        if (command == Command.ADD_SERVER || command == Command.EDIT_SERVER) {
            checkRealServer();
        }
        if (command == Command.LIST) {
            boolean detail = options.contains(Opt.STATS) || options.contains(Opt.RATE) || options.contains(Opt.THRESHOLDS);
            boolean other = options.contains(Opt.TIMEOUT) || options.contains(Opt.DAEMON);
            if (((other || options.contains(Opt.CONNECTION)) && detail) || (other && options.contains(Opt.PERSISTENT_CONN))) {
                throw new UsageException("options conflicts in the list command");
            }
        }
        Optional<ServiceKey> key = options.contains(Opt.SERVICE) ? Optional.of(serviceKey()) : Optional.empty();
        Optional<VirtualService> service = command == Command.ADD_SERVICE || command == Command.EDIT_SERVICE
                ? Optional.of(virtualService(key.orElseThrow())) : Optional.empty();
        Optional<RealServer> server = command == Command.ADD_SERVER || command == Command.EDIT_SERVER
                ? Optional.of(realServer()) : Optional.empty();
        Optional<RealServerAddress> serverAddress = options.contains(Opt.SERVER)
                ? Optional.of(value(() -> new RealServerAddress(destAddress, destPort))) : Optional.empty();
        return parsed(global, key, service, server, serverAddress);
    }

    private ParsedCommand parsed(ParsedCommand.GlobalOptions global, Optional<ServiceKey> key,
            Optional<VirtualService> service, Optional<RealServer> server, Optional<RealServerAddress> serverAddress)
            throws UsageException {
        Optional<SyncDaemon> daemon = command == Command.START_DAEMON ? Optional.of(syncDaemon()) : Optional.empty();
        return new ParsedCommand(command, options, format, key, service, server, serverAddress,
                Optional.ofNullable(timeouts), daemon, Optional.ofNullable(daemonState), global);
    }

    private void checkRealServer() throws UsageException {
        // Direct routing and tunnelling keep the service's port (ipvsadm overrides the one given).
        if (fwmark == 0 && (forwarding == ForwardingMethod.TUNNEL || forwarding == ForwardingMethod.DIRECT_ROUTE)) {
            destPort = port;
        }
        if (destFamily != serviceFamily() && forwarding != ForwardingMethod.TUNNEL) {
            throw new UsageException("Different address family is allowed only for tunneling servers");
        }
        boolean tunnelOptions = options.contains(Opt.TUN_TYPE) || options.contains(Opt.TUN_PORT)
                || options.contains(Opt.TUN_NOCSUM) || options.contains(Opt.TUN_CSUM) || options.contains(Opt.TUN_REMCSUM);
        if (tunnelOptions && forwarding != ForwardingMethod.TUNNEL) {
            throw new UsageException("Tunnel options conflict with forward method");
        }
        OptionTable.checkTunnel(tunnelType, options);
    }

    private AddressFamily serviceFamily() {
        return family == null ? AddressFamily.INET : family;
    }

    private ServiceKey serviceKey() throws UsageException {
        if (fwmark != 0) {
            return value(() -> ServiceKey.fwmark((int) fwmark, serviceFamily()));
        }
        return value(() -> new ServiceKey.Address(protocol, address, port));
    }

    private VirtualService virtualService(ServiceKey key) throws UsageException {
        Scheduler s = value(() -> Scheduler.of(scheduler));
        VirtualService.Builder b = VirtualService.builder(key).scheduler(s)
                .schedulerFlags(SchedulerFlag.fromKernelBits(schedulerFlagBits, s))
                .onePacket(onePacket)
                .persistenceEngine(persistenceEngine.isEmpty() ? null : persistenceEngine);
        if (persistent) {
            int prefix = prefixLength(key.family());
            b.persistence(value(() -> new Persistence(Duration.ofSeconds(timeout), prefix)));
        }
        return value(b::build);
    }

    /** The persistence netmask as a prefix length; jlvsadm (like the API) takes contiguous IPv4 masks only. */
    private int prefixLength(AddressFamily f) throws UsageException {
        if (f == AddressFamily.INET6) {
            return (int) netmask;
        }
        int mask = (int) netmask;
        if ((~mask & (~mask + 1)) != 0) {
            throw new UsageException("illegal virtual server persistent mask specified: "
                    + InetNtop.format(ipv4(mask)) + " is not a contiguous netmask (jlvsadm takes prefix masks only)");
        }
        return Integer.bitCount(mask);
    }

    private RealServer realServer() throws UsageException {
        RealServer.Builder b = RealServer.builder(destAddress, destPort).forwarding(forwarding)
                .weight(weight).upperThreshold(upperThreshold).lowerThreshold(lowerThreshold);
        if (forwarding == ForwardingMethod.TUNNEL) {
            b.tunnel(value(() -> new TunnelOptions(tunnelType, tunnelType == TunnelType.GUE ? tunnelPort : 0,
                    Set.copyOf(tunnelFlags))));
        }
        return value(b::build);
    }

    private SyncDaemon syncDaemon() throws UsageException {
        return value(() -> SyncDaemon.builder(daemonState, multicastInterface).syncId(syncId)
                .syncMaxLength(syncMaxLength).multicastGroup(multicastGroup)
                .multicastPort(multicastPort).multicastTtl(multicastTtl).build());
    }

    private static InetAddress ipv4(int bits) {
        byte[] b = {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
        try {
            return InetAddress.getByAddress(b);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** A value the API refuses (IllegalArgumentException naming it) is the user's error. */
    private static <T> T value(java.util.function.Supplier<T> make) throws UsageException {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
