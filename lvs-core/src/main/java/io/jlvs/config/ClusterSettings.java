package io.jlvs.config;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The global part of lvs.cf: the two directors, heartbeat, routing method, NAT router, sync daemon,
 * and jLVS's failover extensions. Defaults are listed in docs/lvs.cf.md and in {@link #defaults()}.
 *
 * @param serialNo {@code serial_no}: a number the GUI bumps on every save; informational
 * @param primary {@code primary}: the primary director's public address
 * @param primaryPrivate {@code primary_private}: its address on the private (real server) network
 * @param backup {@code backup}: the backup director's public address
 * @param backupPrivate {@code backup_private}
 * @param backupActive {@code backup_active}: whether a backup director takes part
 * @param service {@code service}: always "lvs" for a load balancer
 * @param heartbeat {@code heartbeat}: whether the directors exchange heartbeats
 * @param heartbeatPort {@code heartbeat_port}: UDP port of the heartbeat
 * @param keepalive {@code keepalive}: time between heartbeats
 * @param deadtime {@code deadtime}: silence after which the peer counts as dead
 * @param network {@code network}: how packets reach real servers, for every virtual server without {@code forward}
 * @param natRouter {@code nat_router}: the floating gateway address of the real servers, with its device
 * @param natNetmaskPrefix {@code nat_nmask} as a prefix length
 * @param debugLevel {@code debug_level}: NONE or a number, kept for Piranha compatibility
 * @param syncDaemon {@code syncdaemon}: run the IPVS connection sync daemon (master on the active director)
 * @param syncdInterface {@code syncd_iface}: the sync daemon's interface
 * @param syncdId {@code syncd_id}: the sync daemon's id (0..255)
 * @param monitorLinks {@code monitor_links}: treat a down link as a failure of the director
 * @param heartbeatKeyFile {@code heartbeat_key_file} (jLVS): file holding the heartbeat HMAC key
 * @param priority {@code priority} (jLVS): election priority of this pair's primary, 1..255
 * @param preempt {@code preempt} (jLVS): whether the primary takes the role back when it returns
 * @param failbackDelay {@code failback_delay} (jLVS): how long the primary waits before taking it back
 * @param heartbeatInsecure {@code heartbeat_insecure} (jLVS): the operator accepts a pair without
 *     {@code heartbeatKeyFile}, whose heartbeats anyone who can reach the heartbeat port can forge
 * @param manageWholeTable {@code manage_whole_table} (jLVS): the director manages every service of its
 *        namespace's IPVS table, deleting those it does not configure; by default it manages only the
 *        services it owns (configured, or created by it and remembered) and leaves the others alone
 * @param checkScriptUser {@code check_script_user} (jLVS): "USER" or "USER GROUP" that check programs
 *        ({@code send_program}, {@code check_type = program}) run as, like keepalived's {@code script_user};
 *        empty to run them as jlvsd's own user
 * @param scripts the programs run on role changes and the self-check program ({@code active_cmd},
 *        {@code notify_*}, {@code track_script}, ...)
 */
public record ClusterSettings(
        long serialNo,
        Optional<InetAddress> primary,
        Optional<InetAddress> primaryPrivate,
        Optional<InetAddress> backup,
        Optional<InetAddress> backupPrivate,
        boolean backupActive,
        String service,
        boolean heartbeat,
        int heartbeatPort,
        Duration keepalive,
        Duration deadtime,
        NetworkMode network,
        Optional<InterfaceAddress> natRouter,
        int natNetmaskPrefix,
        String debugLevel,
        boolean syncDaemon,
        Optional<String> syncdInterface,
        int syncdId,
        boolean monitorLinks,
        Optional<Path> heartbeatKeyFile,
        int priority,
        boolean preempt,
        Duration failbackDelay,
        boolean heartbeatInsecure,
        boolean manageWholeTable,
        Optional<String> checkScriptUser,
        RoleScripts scripts) {

    public ClusterSettings {
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(primaryPrivate, "primaryPrivate");
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(backupPrivate, "backupPrivate");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(keepalive, "keepalive");
        Objects.requireNonNull(deadtime, "deadtime");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(natRouter, "natRouter");
        Objects.requireNonNull(debugLevel, "debugLevel");
        Objects.requireNonNull(syncdInterface, "syncdInterface");
        Objects.requireNonNull(heartbeatKeyFile, "heartbeatKeyFile");
        Objects.requireNonNull(failbackDelay, "failbackDelay");
        Objects.requireNonNull(checkScriptUser, "checkScriptUser");
        Objects.requireNonNull(scripts, "scripts");
    }

    /** Every setting at its default (docs/lvs.cf.md). */
    public static ClusterSettings defaults() {
        return new ClusterSettings(0, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false,
                "lvs", true, 539, Duration.ofSeconds(6), Duration.ofSeconds(18), NetworkMode.DIRECT, Optional.empty(),
                32, "NONE", false, Optional.empty(), 0, false, Optional.empty(), 100, true, Duration.ZERO, false, false,
                Optional.empty(), RoleScripts.none());
    }

    /** These settings with another {@code check_script_user}. */
    public ClusterSettings withCheckScriptUser(Optional<String> user) {
        return new ClusterSettings(serialNo, primary, primaryPrivate, backup, backupPrivate, backupActive, service,
                heartbeat, heartbeatPort, keepalive, deadtime, network, natRouter, natNetmaskPrefix, debugLevel,
                syncDaemon, syncdInterface, syncdId, monitorLinks, heartbeatKeyFile, priority, preempt, failbackDelay,
                heartbeatInsecure, manageWholeTable, user, scripts);
    }

    /** These settings with other {@code scripts}. */
    public ClusterSettings withScripts(RoleScripts newScripts) {
        return new ClusterSettings(serialNo, primary, primaryPrivate, backup, backupPrivate, backupActive, service,
                heartbeat, heartbeatPort, keepalive, deadtime, network, natRouter, natNetmaskPrefix, debugLevel,
                syncDaemon, syncdInterface, syncdId, monitorLinks, heartbeatKeyFile, priority, preempt, failbackDelay,
                heartbeatInsecure, manageWholeTable, checkScriptUser, newScripts);
    }

    /** These settings with another {@code network}. */
    public ClusterSettings withNetwork(NetworkMode newNetwork) {
        return new ClusterSettings(serialNo, primary, primaryPrivate, backup, backupPrivate, backupActive, service,
                heartbeat, heartbeatPort, keepalive, deadtime, newNetwork, natRouter, natNetmaskPrefix, debugLevel,
                syncDaemon, syncdInterface, syncdId, monitorLinks, heartbeatKeyFile, priority, preempt, failbackDelay,
                heartbeatInsecure, manageWholeTable, checkScriptUser, scripts);
    }
}
