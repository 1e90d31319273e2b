package io.jlvs.config.internal;

import io.jlvs.config.NetworkMode;
import io.jlvs.health.internal.check.Argv;
import io.jlvs.ipvs.Protocol;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.SchedulerFlag;
import io.jlvs.ipvs.TunnelFlag;
import io.jlvs.ipvs.TunnelType;
import java.util.EnumSet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The three key tables of lvs.cf: global, virtual and server. docs/lvs.cf.md lists the same keys. */
final class LvsCfKeys {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final long MAX_PERSISTENT = 31L * 24 * 3600; // ipvsadm's limit, 31 days

    /** A check key: check_KEY for the first check, checkN_KEY (N = 2..9) for the others a server must also pass. */
    static final Pattern CHECK_KEY = Pattern.compile("check[2-9]?_[a-z0-9_]+");

    private LvsCfKeys() {}

    static KeyTable<GlobalDraft> global() {
        return new KeyTable<GlobalDraft>("global section",
                Set.of("rsh_command", "hard_shutdown", "tcp_timeout", "tcpfin_timeout", "udp_timeout",
                        "lvs_timeout", "heartbeat_interface"), null, null)
                .key("serial_no", (d, e) -> d.serialNo = Values.integer(e.value(), 0L, Long.MAX_VALUE))
                .key("primary", (d, e) -> d.primary = Values.address(e.value()))
                .key("primary_private", (d, e) -> d.primaryPrivate = Values.address(e.value()))
                .key("backup", (d, e) -> d.backup = Values.address(e.value()))
                .key("backup_private", (d, e) -> d.backupPrivate = Values.address(e.value()))
                .key("backup_active", (d, e) -> d.backupActive = Values.bool(e.value()))
                .key("service", (d, e) -> {
                    if (!e.value().equals("lvs")) {
                        throw new IllegalArgumentException("only 'lvs' is supported (Piranha's 'fos' failover "
                                + "services are not), got '" + e.value() + "'");
                    }
                    d.service = e.value();
                })
                .key("heartbeat", (d, e) -> d.heartbeat = Values.bool(e.value()))
                .key("heartbeat_port", (d, e) -> d.heartbeatPort = Values.integer(e.value(), 1, 65535))
                .key("keepalive", (d, e) -> d.keepalive = Values.duration(e.value(), Duration.ofMillis(100), HOUR))
                .key("deadtime", (d, e) -> d.deadtime = Values.duration(e.value(), Duration.ofMillis(100), HOUR))
                .key("network", (d, e) -> d.network = NetworkMode.fromConfigName(e.value()))
                .key("nat_router", (d, e) -> d.natRouter = Values.interfaceAddress(e.value()))
                .key("nat_nmask", (d, e) -> d.natNetmaskPrefix = netmaskAnyFamily(e.value()))
                .key("debug_level", (d, e) -> {
                    if (!e.value().equalsIgnoreCase("NONE")) {
                        Values.integer(e.value(), 0, 100);
                    }
                    d.debugLevel = e.value();
                })
                .key("syncdaemon", (d, e) -> d.syncDaemon = Values.bool(e.value()))
                .key("syncd_iface", (d, e) -> d.syncdInterface = word(e.value()))
                .key("syncd_id", (d, e) -> d.syncdId = Values.integer(e.value(), 0, 255))
                .key("monitor_links", (d, e) -> d.monitorLinks = Values.bool(e.value()))
                .key("heartbeat_key_file", (d, e) -> d.heartbeatKeyFile = Path.of(nonEmpty(e.value())))
                .key("heartbeat_insecure", (d, e) -> d.heartbeatInsecure = Values.bool(e.value()))
                .key("priority", (d, e) -> d.priority = Values.integer(e.value(), 1, 255))
                .key("preempt", (d, e) -> d.preempt = Values.bool(e.value()))
                .key("failback_delay", (d, e) -> d.failbackDelay = Values.duration(e.value(), Duration.ZERO, HOUR))
                .key("manage_whole_table", (d, e) -> d.manageWholeTable = Values.bool(e.value()))
                .key("check_script_user", (d, e) -> d.checkScriptUser = scriptUser(e.value()))
                .key("active_cmd", (d, e) -> d.activeCmd = command(e.value()))
                .key("inactive_cmd", (d, e) -> d.inactiveCmd = command(e.value()))
                .key("notify_master", (d, e) -> d.notifyMaster = command(e.value()))
                .key("notify_backup", (d, e) -> d.notifyBackup = command(e.value()))
                .key("notify_fault", (d, e) -> d.notifyFault = command(e.value()))
                .key("notify_stop", (d, e) -> d.notifyStop = command(e.value()))
                .key("notify", (d, e) -> d.notify = command(e.value()))
                .key("notify_timeout", (d, e) -> d.notifyTimeout = Values.duration(e.value(), Duration.ofMillis(100), HOUR))
                .key("track_script", (d, e) -> d.trackScript = command(e.value()))
                .key("track_script_interval", (d, e) -> d.trackInterval = Values.duration(e.value(), Duration.ofMillis(100), HOUR))
                .key("track_script_timeout", (d, e) -> d.trackTimeout = Values.duration(e.value(), Duration.ofMillis(100), HOUR))
                .key("track_script_fall", (d, e) -> d.trackFall = Values.integer(e.value(), 1, 100))
                .key("track_script_rise", (d, e) -> d.trackRise = Values.integer(e.value(), 1, 100));
    }

    /** A command line: not empty, and split into words the way it will be run (so a stray quote is an error here). */
    private static String command(String text) {
        if (Argv.split(nonEmpty(text)).isEmpty()) {
            throw new IllegalArgumentException("must name a program");
        }
        return text;
    }

    static KeyTable<VirtualDraft> virtual() {
        return new KeyTable<VirtualDraft>("virtual block", Set.of(), CHECK_KEY, (d, e) -> {
            nonEmpty(e.value());
            d.checkSetting(e);
        })
                .key("active", (d, e) -> d.active = Values.bool(e.value()))
                .key("address", (d, e) -> d.address = Values.interfaceAddress(e.value()))
                .key("vip_nmask", (d, e) -> d.vipNetmask = netmaskAnyFamily(e.value()))
                .key("port", (d, e) -> d.portEntry = portWord(e))
                .key("protocol", (d, e) -> d.protocol = protocol(e.value()))
                .key("fwmark", (d, e) -> d.fwmark = Values.integer(e.value(), 1L, 0xFFFF_FFFFL))
                .key("persistent", (d, e) -> d.persistentSeconds = Values.integer(e.value(), 0L, MAX_PERSISTENT))
                .key("pmask", (d, e) -> d.pmask = netmaskAnyFamily(e.value()))
                .key("scheduler", (d, e) -> d.scheduler = Scheduler.of(e.value().toLowerCase(Locale.ROOT)))
                .key("scheduler_flags", (d, e) -> d.schedulerFlags = schedulerFlags(e.value()))
                .key("one_packet", (d, e) -> d.onePacket = Values.bool(e.value()))
                .key("tunnel_type", (d, e) -> d.tunnelType = tunnelType(e.value()))
                .key("tunnel_port", (d, e) -> d.tunnelPort = Values.integer(e.value(), 1, 65535))
                .key("tunnel_checksum", (d, e) -> d.tunnelChecksum = tunnelChecksum(e.value()))
                .key("send", (d, e) -> {
                    d.send = e.value();
                    d.checkSetting(e);
                })
                .key("expect", (d, e) -> {
                    d.expect = e.value();
                    d.checkSetting(e);
                })
                .key("use_regex", (d, e) -> {
                    d.useRegex = Values.bool(e.value());
                    d.checkSetting(e);
                })
                .key("send_program", (d, e) -> {
                    d.sendProgram = nonEmpty(e.value());
                    d.checkSetting(e);
                })
                .key("load_monitor", (d, e) -> d.loadMonitor = loadMonitor(e.value()))
                .key("timeout", (d, e) -> {
                    d.timeout = Values.duration(e.value(), Duration.ofMillis(100), HOUR);
                    d.checkSetting(e);
                })
                .key("reentry", (d, e) -> {
                    d.reentry = Values.duration(e.value(), Duration.ZERO, HOUR);
                    d.checkSetting(e);
                })
                .key("quiesce_server", (d, e) -> d.quiesceServer = Values.bool(e.value()))
                .key("sorry_server", LvsCfKeys::sorryServer)
                .key("forward", (d, e) -> d.forward = NetworkMode.fromConfigName(e.value()))
                .key("slow_start", (d, e) -> d.slowStart = Values.duration(e.value(), Duration.ZERO, HOUR))
                .key("rise", (d, e) -> d.rise = Values.integer(e.value(), 1, 100))
                .key("fall", (d, e) -> d.fall = Values.integer(e.value(), 1, 100));
    }

    static KeyTable<ServerDraft> server() {
        return new KeyTable<ServerDraft>("server block", Set.of(), CHECK_KEY, (d, e) -> {
            nonEmpty(e.value());
            d.checkSettings.put(e.key(), e.value());
        })
                .key("address", (d, e) -> d.address = Values.address(e.value()))
                .key("active", (d, e) -> d.active = Values.bool(e.value()))
                .key("weight", (d, e) -> d.weight = Values.integer(e.value(), 0, 65535))
                .key("quiesce_server", (d, e) -> d.quiesceServer = Values.bool(e.value()))
                .key("port", (d, e) -> d.portEntry = portWord(e))
                .key("u_threshold", (d, e) -> d.upperThreshold = Values.integer(e.value(), 0, Integer.MAX_VALUE))
                .key("l_threshold", (d, e) -> d.lowerThreshold = Values.integer(e.value(), 0, Integer.MAX_VALUE));
    }

    /** A dotted mask (IPv4) or a prefix length up to 128; the family is checked once the address is known. */
    static int netmaskAnyFamily(String text) {
        return text.strip().contains(".") ? Values.netmask(text, 32) : Values.netmask(text, 128);
    }

    /** A port as written: a number or a service name, resolved once the block's protocol is known. */
    private static RawEntry portWord(RawEntry e) {
        word(e.value());
        return e;
    }

    /** Scheduler flags as ipvsadm -b names them ("sh-fallback", "flag-2"), separated by spaces or commas. */
    static Set<SchedulerFlag> schedulerFlags(String text) {
        Set<SchedulerFlag> flags = EnumSet.noneOf(SchedulerFlag.class);
        for (String word : text.strip().split("[\\s,]+")) {
            if (!word.isEmpty()) {
                flags.add(SchedulerFlag.fromIpvsadmName(word));
            }
        }
        return flags;
    }

    static TunnelType tunnelType(String text) {
        for (TunnelType t : TunnelType.values()) {
            if (t.name().equalsIgnoreCase(text.strip())) {
                return t;
            }
        }
        throw new IllegalArgumentException("must be ipip, gue or gre, got '" + text + "'");
    }

    /** {@code tunnel_checksum}: none (nocsum), csum or remcsum, as ipvsadm's --tun-nocsum/-csum/-remcsum. */
    static Set<TunnelFlag> tunnelChecksum(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "none", "nocsum" -> Set.of();
            case "csum" -> Set.of(TunnelFlag.CSUM);
            case "remcsum" -> Set.of(TunnelFlag.REMCSUM);
            default -> throw new IllegalArgumentException("must be none, csum or remcsum, got '" + text + "'");
        };
    }

    private static Protocol protocol(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "tcp" -> Protocol.TCP;
            case "udp" -> Protocol.UDP;
            case "sctp" -> Protocol.SCTP;
            default -> throw new IllegalArgumentException("must be tcp or udp (or sctp), got '" + text + "'");
        };
    }

    private static String loadMonitor(String text) {
        String v = text.toLowerCase(Locale.ROOT);
        if (!Set.of("none", "uptime", "rup", "ruptime").contains(v)) {
            throw new IllegalArgumentException("must be none, uptime, rup or ruptime, got '" + text + "'");
        }
        return v;
    }

    private static void sorryServer(VirtualDraft d, RawEntry e) {
        String[] words = Values.words(e.value());
        if (words.length < 1 || words.length > 2 || words[0].isEmpty()) {
            throw new IllegalArgumentException("must be 'ADDRESS' or 'ADDRESS PORT', got '" + e.value() + "'");
        }
        d.sorryAddress = Values.address(words[0]);
        d.sorryPort = words.length == 2 ? words[1] : null;
    }

    private static String nonEmpty(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        return text;
    }

    /** A user name or number, and optionally a group ("USER" or "USER GROUP", as keepalived's script_user). */
    private static final Pattern SCRIPT_USER =
            Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}\\$?( +[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}\\$?)?");

    static String scriptUser(String text) {
        String t = text.strip();
        if (!SCRIPT_USER.matcher(t).matches()) {
            throw new IllegalArgumentException("must be a user, or a user and a group (as 'nobody nogroup'), got '"
                    + text + "'");
        }
        return t.replaceAll(" +", " ");
    }

    private static String word(String text) {
        if (text.isEmpty() || text.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("must be one word, got '" + text + "'");
        }
        return text;
    }
}
