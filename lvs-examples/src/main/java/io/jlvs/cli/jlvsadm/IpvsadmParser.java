package io.jlvs.cli.jlvsadm;

import io.jlvs.ipvs.AddressFamily;
import io.jlvs.ipvs.ForwardingMethod;
import io.jlvs.ipvs.Protocol;
import io.jlvs.ipvs.SyncDaemon;
import io.jlvs.ipvs.Timeouts;
import io.jlvs.ipvs.TunnelFlag;
import io.jlvs.ipvs.TunnelType;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads a command line with ipvsadm's grammar and rules (parse_options and process_options in
 * ipvsadm.c 1.31): the first option is the command, the options that follow fill in the service, real
 * server, timeouts or daemon, and the same combinations are refused with the same words, plus the bad
 * token. jlvsadm's own options (--json, --netns, --dry-run) may stand anywhere.
 *
 * <p>Why not picocli: in ipvsadm the commands are options (-A, -L, --set), the first option must be
 * one, -p takes an optional argument only when the next word does not start with '-', the meaning of
 * -M and -r depends on the options before them, and --set takes three bare words. picocli would need
 * every one of those bent into it; this small popt-like scanner plus ipvsadm's own tables says it
 * directly, and lets error messages match ipvsadm's.
 */
final class IpvsadmParser {
    // ipvsadm copies names into fixed buffers (ip_vs.h: IP_VS_SCHEDNAME_MAXLEN 16, IP_VS_IFNAME_MAXLEN 16,
    // IP_VS_PENAME_MAXLEN 16), cutting longer ones; jlvsadm cuts them the same way.
    private static final int SCHEDULER_NAME_MAX = 15;
    private static final int INTERFACE_NAME_MAX = 15;
    private static final int PERSISTENCE_ENGINE_NAME_MAX = 16;

    private final ServicesDatabase services;

    IpvsadmParser(ServicesDatabase services) {
        this.services = services;
    }

    /** A whole command line (without the program name). */
    ParsedCommand parse(List<String> args) throws UsageException {
        return parse(args, true);
    }

    /**
     * @param allowGlobal whether jlvsadm's own options may appear (not on a line of -R input)
     */
    ParsedCommand parse(List<String> args, boolean allowGlobal) throws UsageException {
        ArgumentScanner.Scan scan = ArgumentScanner.scan(args);
        List<ArgumentScanner.Occurrence> ipvsadmOptions = new ArrayList<>();
        Optional<String> netns = Optional.empty();
        boolean json = false;
        boolean dryRun = false;
        for (ArgumentScanner.Occurrence o : scan.options()) {
            switch (o.option()) {
                case NETNS, JSON, DRY_RUN -> {
                    if (!allowGlobal) {
                        throw new UsageException("option '" + o.spelling() + "' is not allowed here");
                    }
                }
                default -> { }
            }
            switch (o.option()) {
                case NETNS -> {
                    if (netns.isPresent()) {
                        throw new UsageException("multiple '--netns' options specified");
                    }
                    netns = Optional.of(o.argument());
                }
                case JSON -> json = true;
                case DRY_RUN -> dryRun = true;
                default -> ipvsadmOptions.add(o);
            }
        }
        CommandEntry entry = new CommandEntry();
        List<String> words = new ArrayList<>(scan.words());
        if (ipvsadmOptions.isEmpty()) {
            // ipvsadm without arguments lists the table with names
            if (!words.isEmpty()) {
                throw new UsageException("unexpected argument " + words.get(0) + " (the first option must be a command)");
            }
            entry.command = Command.LIST;
        } else {
            command(entry, ipvsadmOptions.get(0));
            if (entry.command != Command.HELP && entry.command != Command.VERSION) {
                for (ArgumentScanner.Occurrence o : ipvsadmOptions.subList(1, ipvsadmOptions.size())) {
                    option(entry, o, ipvsadmOptions.get(0));
                }
                leftOverWords(entry, words);
                if (entry.options.contains(Opt.SCHED_FLAGS)) {
                    entry.schedulerFlagBits = SchedulerFlags.parse(entry.scheduler, schedFlagsArgument(ipvsadmOptions));
                }
            }
        }
        ParsedCommand.GlobalOptions global = new ParsedCommand.GlobalOptions(netns, json, dryRun);
        checkGlobal(entry, global);
        return entry.toParsedCommand(global);
    }

    private static String schedFlagsArgument(List<ArgumentScanner.Occurrence> options) {
        return options.stream().filter(o -> o.option() == CliOption.SCHED_FLAGS).findFirst().orElseThrow().argument();
    }

    private static void checkGlobal(CommandEntry entry, ParsedCommand.GlobalOptions global) throws UsageException {
        Command command = entry.command;
        if (global.json() && (command != Command.LIST || entry.options.contains(Opt.CONNECTION))) {
            throw new UsageException("option '--json' is for listings of services (-L, -l; not -c) only");
        }
        if (global.dryRun() && command != Command.RESTORE) {
            throw new UsageException("option '--dry-run' is for -R only");
        }
    }

    /** The first option: the command. */
    private void command(CommandEntry e, ArgumentScanner.Occurrence first) throws UsageException {
        e.command = switch (first.option()) {
            case ADD_SERVICE -> Command.ADD_SERVICE;
            case EDIT_SERVICE -> Command.EDIT_SERVICE;
            case DELETE_SERVICE -> Command.DELETE_SERVICE;
            case ADD_SERVER -> Command.ADD_SERVER;
            case EDIT_SERVER -> Command.EDIT_SERVER;
            case DELETE_SERVER -> Command.DELETE_SERVER;
            case CLEAR -> Command.FLUSH;
            case LIST, LIST_LOWER -> Command.LIST;
            case ZERO -> Command.ZERO;
            case SET -> Command.SET_TIMEOUTS;
            case RESTORE -> Command.RESTORE;
            case SAVE -> Command.SAVE;
            case START_DAEMON -> Command.START_DAEMON;
            case STOP_DAEMON -> Command.STOP_DAEMON;
            case HELP -> Command.HELP;
            case VERSION -> Command.VERSION;
            default -> throw new UsageException("the first option must be a command (-A -E -D -C -R -S -a -e -d -L -Z"
                    + " --set --start-daemon --stop-daemon -h), not '" + first.spelling() + "'");
        };
        if (e.command == Command.START_DAEMON || e.command == Command.STOP_DAEMON) {
            e.daemonState = switch (first.argument()) {
                case "master" -> SyncDaemon.State.MASTER;
                case "backup" -> SyncDaemon.State.BACKUP;
                default -> throw new UsageException("illegal " + first.spelling().substring(2)
                        + " parameter specified: '" + first.argument() + "' (master or backup)");
            };
        }
    }

    /** One option after the command, as parse_options handles it. */
    private void option(CommandEntry e, ArgumentScanner.Occurrence o, ArgumentScanner.Occurrence first)
            throws UsageException {
        String arg = o.argument();
        switch (o.option()) {
            case TCP_SERVICE, UDP_SERVICE, SCTP_SERVICE -> {
                set(e, Opt.SERVICE);
                e.protocol = switch (o.option()) {
                    case TCP_SERVICE -> Protocol.TCP;
                    case UDP_SERVICE -> Protocol.UDP;
                    default -> Protocol.SCTP;
                };
                ServiceAddress.Parsed p = ServiceAddress.parse(arg, e.protocol, services);
                if (p == null) {
                    throw new UsageException("illegal virtual server address[:port] specified: '" + arg + "'");
                }
                e.address = p.address();
                e.family = AddressFamily.of(p.address());
                if (e.family == AddressFamily.INET6) {
                    e.netmask = 128;
                }
                p.port().ifPresent(port -> e.port = port);
            }
            case FWMARK_SERVICE -> {
                set(e, Opt.SERVICE);
                e.family = AddressFamily.INET;
                e.protocol = Protocol.TCP;
                // Beyond ipvsadm: a negative mark is read as its u32 bit pattern, because ipvsadm -S (and
                // so jlvsadm -S) prints marks above 2^31 that way, and -R should read -S back.
                long mark = number(arg, Integer.MIN_VALUE, 0xFFFF_FFFFL, "invalid fwmark value `" + arg + "' specified");
                if (mark == 0) {
                    throw new UsageException("invalid fwmark value `" + arg + "' specified");
                }
                e.fwmark = mark & 0xFFFF_FFFFL;
            }
            case SCHEDULER -> {
                set(e, Opt.SCHEDULER);
                e.scheduler = truncate(arg, SCHEDULER_NAME_MAX);
            }
            case PERSISTENT -> {
                set(e, Opt.PERSISTENT);
                e.persistent = true;
                e.timeout = arg == null ? CommandEntry.DEFAULT_PERSISTENCE_SECONDS : timeout(arg, 1);
            }
            case NETMASK -> {
                set(e, Opt.NETMASK);
                if (e.family != AddressFamily.INET6) {
                    InetAddress mask = InetParser.inetAton(arg);
                    if (mask == null) {
                        mask = InetParser.hostToAddress(arg);
                    }
                    if (mask == null) {
                        throw new UsageException("illegal virtual server persistent mask specified: '" + arg + "'");
                    }
                    byte[] b = mask.getAddress();
                    e.netmask = Integer.toUnsignedLong(((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16)
                            | ((b[2] & 0xff) << 8) | (b[3] & 0xff));
                } else {
                    e.netmask = CNumbers.atoi(arg);
                    if (e.netmask < 1 || e.netmask > 128) {
                        throw new UsageException("illegal ipv6 netmask specified: '" + arg + "' (1..128)");
                    }
                }
            }
            case REAL_SERVER -> {
                set(e, Opt.SERVER);
                ServiceAddress.Parsed p = ServiceAddress.parse(arg, e.protocol, services);
                if (p == null) {
                    throw new UsageException("illegal real server address[:port] specified: '" + arg + "'");
                }
                e.destAddress = p.address();
                e.destFamily = AddressFamily.of(p.address());
                e.destPort = p.port().orElse(e.port);
            }
            case IPIP -> forward(e, ForwardingMethod.TUNNEL);
            case GATEWAYING -> forward(e, ForwardingMethod.DIRECT_ROUTE);
            case MASQUERADING -> forward(e, ForwardingMethod.MASQUERADE);
            case WEIGHT -> {
                set(e, Opt.WEIGHT);
                // Debian's ipvsadm takes weights up to INT_MAX (upstream: 65535), as the kernel does.
                e.weight = (int) number(arg, 0, Integer.MAX_VALUE, "illegal weight specified: '" + arg + "' (0..2147483647)");
            }
            case U_THRESHOLD -> {
                set(e, Opt.U_THRESHOLD);
                e.upperThreshold = (int) number(arg, 0, Integer.MAX_VALUE, "illegal u_threshold specified: '" + arg + "'");
            }
            case L_THRESHOLD -> {
                set(e, Opt.L_THRESHOLD);
                e.lowerThreshold = (int) number(arg, 0, Integer.MAX_VALUE, "illegal l_threshold specified: '" + arg + "'");
            }
            case CONNECTION -> set(e, Opt.CONNECTION);
            case NUMERIC -> format(e, Opt.NUMERIC, ListFormat.NUMERIC);
            case MCAST_INTERFACE -> {
                set(e, Opt.MCAST_INTERFACE);
                e.multicastInterface = truncate(arg, INTERFACE_NAME_MAX);
            }
            case SYNCID -> {
                set(e, Opt.SYNCID);
                e.syncId = (int) number(arg, 0, 255, "illegal syncid specified: '" + arg + "' (0..255)");
            }
            case TIMEOUT -> set(e, Opt.TIMEOUT);
            case DAEMON -> set(e, Opt.DAEMON);
            case STATS -> format(e, Opt.STATS, ListFormat.STATS);
            case RATE -> format(e, Opt.RATE, ListFormat.RATE);
            case THRESHOLDS -> format(e, Opt.THRESHOLDS, ListFormat.THRESHOLDS);
            case PERSISTENT_CONN -> format(e, Opt.PERSISTENT_CONN, ListFormat.PERSISTENT_CONN);
            case NOSORT -> format(e, Opt.NOSORT, ListFormat.NOSORT);
            case SORT -> { } // sorting is the default; ipvsadm keeps --sort for compatibility
            case EXACT -> format(e, Opt.EXACT, ListFormat.EXACT);
            case IPV6 -> {
                if (e.fwmark == 0) {
                    throw new UsageException("-6 used before -f");
                }
                e.family = AddressFamily.INET6;
                e.netmask = 128;
            }
            case OPS -> {
                set(e, Opt.ONE_PACKET);
                e.onePacket = true;
            }
            case PE -> {
                set(e, Opt.PERSISTENCE_ENGINE);
                e.persistenceEngine = truncate(arg, PERSISTENCE_ENGINE_NAME_MAX);
            }
            case SCHED_FLAGS -> set(e, Opt.SCHED_FLAGS);
            case MCAST_GROUP -> {
                set(e, Opt.MCAST_GROUP);
                e.multicastGroup = multicastGroup(arg);
            }
            case MCAST_PORT -> {
                set(e, Opt.MCAST_PORT);
                e.multicastPort = (int) number(arg, 1, 65535, "illegal mcast-port specified: '" + arg + "' (1..65535)");
            }
            case MCAST_TTL -> {
                set(e, Opt.MCAST_TTL);
                e.multicastTtl = (int) number(arg, 1, 255, "illegal mcast-ttl specified: '" + arg + "' (1..255)");
            }
            case SYNC_MAXLEN -> {
                set(e, Opt.SYNC_MAXLEN);
                e.syncMaxLength = (int) number(arg, 1, 65535 - 20 - 8, "illegal sync-maxlen specified: '" + arg + "' (1..65507)");
            }
            case TUN_INFO -> format(e, Opt.TUN_INFO, ListFormat.TUN_INFO);
            case TUN_TYPE -> {
                set(e, Opt.TUN_TYPE);
                e.tunnelType = switch (arg) {
                    case "ipip" -> TunnelType.IPIP;
                    case "gue" -> TunnelType.GUE;
                    case "gre" -> TunnelType.GRE;
                    default -> throw new UsageException("illegal tunnel type specified: '" + arg + "' (ipip, gue or gre)");
                };
            }
            case TUN_PORT -> {
                set(e, Opt.TUN_PORT);
                e.tunnelPort = (int) number(arg, 1, 65535, "illegal tunnel port specified: '" + arg + "' (1..65535)");
            }
            case TUN_NOCSUM -> set(e, Opt.TUN_NOCSUM);
            case TUN_CSUM -> {
                set(e, Opt.TUN_CSUM);
                e.tunnelFlags.add(TunnelFlag.CSUM);
            }
            case TUN_REMCSUM -> {
                set(e, Opt.TUN_REMCSUM);
                e.tunnelFlags.add(TunnelFlag.REMCSUM);
            }
            default -> throw new UsageException("multiple commands specified: '" + first.spelling() + "' and '"
                    + o.spelling() + "' (only the first option is a command)");
        }
    }

    /** The words that are not options: the three timeouts of --set, nothing otherwise. */
    private static void leftOverWords(CommandEntry e, List<String> words) throws UsageException {
        if (e.command == Command.SET_TIMEOUTS) {
            if (words.size() < 3) {
                throw new UsageException("--set option requires 3 timeout values");
            }
            e.timeouts = Timeouts.ofSeconds(timeout(words.get(0), 0), timeout(words.get(1), 0), timeout(words.get(2), 0));
            words = words.subList(3, words.size());
        }
        if (!words.isEmpty()) {
            throw new UsageException("unexpected argument " + words.get(0));
        }
    }

    private static long timeout(String text, long min) throws UsageException {
        return number(text, min, CommandEntry.MAX_TIMEOUT, "invalid timeout value `" + text + "' specified ("
                + min + ".." + CommandEntry.MAX_TIMEOUT + " seconds)");
    }

    private static long number(String text, long min, long max, String error) throws UsageException {
        OptionalLong n = CNumbers.toNumber(text, min, max);
        if (n.isEmpty()) {
            throw new UsageException(error);
        }
        return n.getAsLong();
    }

    private static InetAddress multicastGroup(String text) throws UsageException {
        if (text.indexOf(':') >= 0) {
            Inet6Address a = InetParser.inetPton6(text);
            if (a == null || !a.isMulticastAddress()) {
                throw new UsageException("invalid IPv6 mcast-group `" + text + "'");
            }
            return a;
        }
        InetAddress a = InetParser.inetPton4(text);
        if (a == null || !a.isMulticastAddress()) {
            throw new UsageException("invalid IPv4 mcast-group `" + text + "'");
        }
        return a;
    }

    private static void forward(CommandEntry e, ForwardingMethod method) throws UsageException {
        set(e, Opt.FORWARD);
        e.forwarding = method;
    }

    private static void format(CommandEntry e, Opt option, ListFormat flag) throws UsageException {
        set(e, option);
        e.format.add(flag);
    }

    /** set_option: each option at most once. */
    private static void set(CommandEntry e, Opt option) throws UsageException {
        if (!e.options.add(option)) {
            throw new UsageException("multiple '" + option.ipvsadmName() + "' options specified");
        }
    }

    private static String truncate(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }
}
