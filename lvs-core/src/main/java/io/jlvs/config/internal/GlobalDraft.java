package io.jlvs.config.internal;

import io.jlvs.config.ClusterSettings;
import io.jlvs.config.InterfaceAddress;
import io.jlvs.config.NetworkMode;
import io.jlvs.config.RoleScripts;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The global keys' values while the file is being read; starts from {@link ClusterSettings#defaults()}. */
final class GlobalDraft {
    private static final ClusterSettings D = ClusterSettings.defaults();

    long serialNo = D.serialNo();
    InetAddress primary;
    InetAddress primaryPrivate;
    InetAddress backup;
    InetAddress backupPrivate;
    boolean backupActive = D.backupActive();
    String service = D.service();
    boolean heartbeat = D.heartbeat();
    int heartbeatPort = D.heartbeatPort();
    Duration keepalive = D.keepalive();
    Duration deadtime = D.deadtime();
    NetworkMode network = D.network();
    InterfaceAddress natRouter;
    int natNetmaskPrefix = D.natNetmaskPrefix();
    String debugLevel = D.debugLevel();
    boolean syncDaemon = D.syncDaemon();
    String syncdInterface;
    int syncdId = D.syncdId();
    boolean monitorLinks = D.monitorLinks();
    Path heartbeatKeyFile;
    int priority = D.priority();
    boolean preempt = D.preempt();
    Duration failbackDelay = D.failbackDelay();
    boolean heartbeatInsecure = D.heartbeatInsecure();
    boolean manageWholeTable = D.manageWholeTable();
    String checkScriptUser;
    String activeCmd;
    String inactiveCmd;
    String notifyMaster;
    String notifyBackup;
    String notifyFault;
    String notifyStop;
    String notify;
    Duration notifyTimeout = D.scripts().notifyTimeout();
    String trackScript;
    Duration trackInterval = D.scripts().trackInterval();
    Duration trackTimeout;
    int trackFall = D.scripts().trackFall();
    int trackRise = D.scripts().trackRise();

    ClusterSettings build() {
        return new ClusterSettings(serialNo, Optional.ofNullable(primary), Optional.ofNullable(primaryPrivate),
                Optional.ofNullable(backup), Optional.ofNullable(backupPrivate), backupActive, service,
                heartbeat, heartbeatPort, keepalive, deadtime, network, Optional.ofNullable(natRouter),
                natNetmaskPrefix, debugLevel, syncDaemon, Optional.ofNullable(syncdInterface), syncdId,
                monitorLinks, Optional.ofNullable(heartbeatKeyFile), priority, preempt, failbackDelay, heartbeatInsecure,
                manageWholeTable, Optional.ofNullable(checkScriptUser), scripts());
    }

    private RoleScripts scripts() {
        return new RoleScripts(Optional.ofNullable(activeCmd), Optional.ofNullable(inactiveCmd),
                Optional.ofNullable(notifyMaster), Optional.ofNullable(notifyBackup), Optional.ofNullable(notifyFault),
                Optional.ofNullable(notifyStop), Optional.ofNullable(notify), notifyTimeout,
                Optional.ofNullable(trackScript), trackInterval, trackTimeout != null ? trackTimeout : trackInterval,
                trackFall, trackRise);
    }
}
