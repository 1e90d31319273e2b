package io.jlvs.cli.jlvsadm;

import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerAddress;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.SyncDaemon;
import io.jlvs.ipvs.Timeouts;
import io.jlvs.ipvs.VirtualService;
import java.util.Optional;
import java.util.Set;

/**
 * One ipvsadm command line, checked and turned into the typed API's values: what to do and to what.
 *
 * @param command the command (LIST also for a command line without options, as ipvsadm does)
 * @param options the ipvsadm options given (for the listing choices)
 * @param format how to list
 * @param service the service named by -t/-u/--sctp-service/-f, if any
 * @param virtualService for -A and -E: the whole service as ipvsadm would send it
 * @param realServer for -a and -e: the whole real server as ipvsadm would send it
 * @param realServerAddress for -a, -e and -d: the real server's address and port
 * @param timeouts for --set
 * @param daemon for --start-daemon
 * @param daemonState for --start-daemon and --stop-daemon
 * @param global jlvsadm's own options
 */
record ParsedCommand(
        Command command,
        Set<Opt> options,
        Set<ListFormat> format,
        Optional<ServiceKey> service,
        Optional<VirtualService> virtualService,
        Optional<RealServer> realServer,
        Optional<RealServerAddress> realServerAddress,
        Optional<Timeouts> timeouts,
        Optional<SyncDaemon> daemon,
        Optional<SyncDaemon.State> daemonState,
        GlobalOptions global) {

    /** jlvsadm's options beyond ipvsadm's. */
    record GlobalOptions(Optional<String> netns, boolean json, boolean dryRun) {
        static final GlobalOptions NONE = new GlobalOptions(Optional.empty(), false, false);
    }

    ParsedCommand {
        options = Set.copyOf(options);
        format = Set.copyOf(format);
    }

    boolean has(Opt option) {
        return options.contains(option);
    }

    boolean has(ListFormat flag) {
        return format.contains(flag);
    }
}
