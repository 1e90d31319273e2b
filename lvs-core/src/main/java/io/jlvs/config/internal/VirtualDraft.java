package io.jlvs.config.internal;

import io.jlvs.config.HealthCheckConfig;
import io.jlvs.config.InterfaceAddress;
import io.jlvs.config.NetworkMode;
import io.jlvs.config.RealServerConfig;
import io.jlvs.ipvs.Protocol;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.SchedulerFlag;
import io.jlvs.ipvs.TunnelFlag;
import io.jlvs.ipvs.TunnelType;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A virtual block's values while it is being read; defaults as documented in docs/lvs.cf.md. */
final class VirtualDraft {
    boolean active = true;
    InterfaceAddress address;
    Integer vipNetmask;
    int port;
    RawEntry portEntry;
    Protocol protocol = Protocol.TCP;
    long fwmark;
    long persistentSeconds;
    Integer pmask;
    Scheduler scheduler = Scheduler.WLC;
    String send;
    String expect;
    boolean useRegex;
    String sendProgram;
    Duration timeout = HealthCheckConfig.DEFAULT_TIMEOUT;
    Duration reentry = HealthCheckConfig.DEFAULT_REENTRY;
    String loadMonitor = "none";
    boolean quiesceServer;
    InetAddress sorryAddress;
    String sorryPort;
    NetworkMode forward;
    Duration slowStart = Duration.ZERO;
    Set<SchedulerFlag> schedulerFlags = Set.of();
    boolean onePacket;
    TunnelType tunnelType;
    int tunnelPort;
    Set<TunnelFlag> tunnelChecksum;
    int rise = 1;
    int fall = 1;
    final Map<String, String> checkSettings = new LinkedHashMap<>();
    final List<RealServerConfig> servers = new ArrayList<>();

    /** Keeps a check key in the settings map handed to the health-check factory. */
    void checkSetting(RawEntry e) {
        checkSettings.put(e.key(), e.value());
    }
}
