package io.jlvs.cli.jlvsadm;

import java.util.HashMap;
import java.util.Map;

/**
 * Every option jlvsadm accepts, spelled as in ipvsadm's popt table (long name, short letter, whether it
 * takes an argument), plus jlvsadm's own {@code --json}, {@code --netns} and {@code --dry-run}.
 */
enum CliOption {
    ADD_SERVICE("add-service", 'A', Arg.NONE),
    EDIT_SERVICE("edit-service", 'E', Arg.NONE),
    DELETE_SERVICE("delete-service", 'D', Arg.NONE),
    CLEAR("clear", 'C', Arg.NONE),
    LIST("list", 'L', Arg.NONE),
    LIST_LOWER("list", 'l', Arg.NONE),
    ZERO("zero", 'Z', Arg.NONE),
    ADD_SERVER("add-server", 'a', Arg.NONE),
    EDIT_SERVER("edit-server", 'e', Arg.NONE),
    DELETE_SERVER("delete-server", 'd', Arg.NONE),
    SET("set", '\0', Arg.NONE),
    HELP("help", 'h', Arg.NONE),
    VERSION("version", 'v', Arg.NONE),
    RESTORE("restore", 'R', Arg.NONE),
    SAVE("save", 'S', Arg.NONE),
    START_DAEMON("start-daemon", '\0', Arg.REQUIRED),
    STOP_DAEMON("stop-daemon", '\0', Arg.REQUIRED),
    TCP_SERVICE("tcp-service", 't', Arg.REQUIRED),
    UDP_SERVICE("udp-service", 'u', Arg.REQUIRED),
    SCTP_SERVICE("sctp-service", '\0', Arg.REQUIRED),
    FWMARK_SERVICE("fwmark-service", 'f', Arg.REQUIRED),
    SCHEDULER("scheduler", 's', Arg.REQUIRED),
    PERSISTENT("persistent", 'p', Arg.OPTIONAL),
    NETMASK("netmask", 'M', Arg.REQUIRED),
    REAL_SERVER("real-server", 'r', Arg.REQUIRED),
    MASQUERADING("masquerading", 'm', Arg.NONE),
    IPIP("ipip", 'i', Arg.NONE),
    GATEWAYING("gatewaying", 'g', Arg.NONE),
    WEIGHT("weight", 'w', Arg.REQUIRED),
    U_THRESHOLD("u-threshold", 'x', Arg.REQUIRED),
    L_THRESHOLD("l-threshold", 'y', Arg.REQUIRED),
    NUMERIC("numeric", 'n', Arg.NONE),
    CONNECTION("connection", 'c', Arg.NONE),
    MCAST_INTERFACE("mcast-interface", '\0', Arg.REQUIRED),
    SYNCID("syncid", '\0', Arg.REQUIRED),
    TIMEOUT("timeout", '\0', Arg.NONE),
    DAEMON("daemon", '\0', Arg.NONE),
    STATS("stats", '\0', Arg.NONE),
    RATE("rate", '\0', Arg.NONE),
    THRESHOLDS("thresholds", '\0', Arg.NONE),
    PERSISTENT_CONN("persistent-conn", '\0', Arg.NONE),
    NOSORT("nosort", '\0', Arg.NONE),
    SORT("sort", '\0', Arg.NONE),
    EXACT("exact", 'X', Arg.NONE),
    IPV6("ipv6", '6', Arg.NONE),
    OPS("ops", 'o', Arg.NONE),
    PE("pe", '\0', Arg.REQUIRED),
    SCHED_FLAGS("sched-flags", 'b', Arg.REQUIRED),
    MCAST_GROUP("mcast-group", '\0', Arg.REQUIRED),
    MCAST_PORT("mcast-port", '\0', Arg.REQUIRED),
    MCAST_TTL("mcast-ttl", '\0', Arg.REQUIRED),
    SYNC_MAXLEN("sync-maxlen", '\0', Arg.REQUIRED),
    TUN_INFO("tun-info", '\0', Arg.NONE),
    TUN_TYPE("tun-type", '\0', Arg.REQUIRED),
    TUN_PORT("tun-port", '\0', Arg.REQUIRED),
    TUN_NOCSUM("tun-nocsum", '\0', Arg.NONE),
    TUN_CSUM("tun-csum", '\0', Arg.NONE),
    TUN_REMCSUM("tun-remcsum", '\0', Arg.NONE),
    // jlvsadm's own
    JSON("json", '\0', Arg.NONE),
    NETNS("netns", '\0', Arg.REQUIRED),
    DRY_RUN("dry-run", '\0', Arg.NONE);

    /** Whether the option takes an argument; OPTIONAL takes the next word only if it does not start with '-'. */
    enum Arg { NONE, REQUIRED, OPTIONAL }

    private final String longName;
    private final char shortName;
    private final Arg arg;

    CliOption(String longName, char shortName, Arg arg) {
        this.longName = longName;
        this.shortName = shortName;
        this.arg = arg;
    }

    String longName() {
        return longName;
    }

    char shortName() {
        return shortName;
    }

    Arg arg() {
        return arg;
    }

    /**
     * Lookups by name, made once: {@code values()} copies the array on every call, and -R asks for each
     * option of each of its (say 60,000) lines.
     */
    private static final Map<String, CliOption> BY_LONG_NAME = new HashMap<>();
    private static final CliOption[] BY_SHORT_NAME = new CliOption[128];

    static {
        for (CliOption o : values()) {
            BY_LONG_NAME.putIfAbsent(o.longName, o);
            if (o.shortName != 0 && BY_SHORT_NAME[o.shortName] == null) {
                BY_SHORT_NAME[o.shortName] = o;
            }
        }
    }

    /** The option with that long name (the first, for --list), or null. */
    static CliOption byLongName(String name) {
        return BY_LONG_NAME.get(name);
    }

    /** The option with that letter, or null. */
    static CliOption byShortName(char letter) {
        return letter != 0 && letter < BY_SHORT_NAME.length ? BY_SHORT_NAME[letter] : null;
    }
}
