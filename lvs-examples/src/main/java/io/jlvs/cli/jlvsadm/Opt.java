package io.jlvs.cli.jlvsadm;

/**
 * The options whose combinations ipvsadm checks, in ipvsadm's order (OPTC_NUMERIC .. OPTC_TUN_REMCSUM),
 * with the names its error messages use ("multiple 'weight' options specified").
 */
enum Opt {
    NUMERIC("numeric"),
    CONNECTION("connection"),
    SERVICE("service-address"),
    SCHEDULER("scheduler"),
    PERSISTENT("persistent"),
    NETMASK("netmask"),
    SERVER("real-server"),
    FORWARD("forwarding-method"),
    WEIGHT("weight"),
    U_THRESHOLD("u-threshold"),
    L_THRESHOLD("l-threshold"),
    MCAST_INTERFACE("mcast-interface"),
    TIMEOUT("timeout"),
    DAEMON("daemon"),
    STATS("stats"),
    RATE("rate"),
    THRESHOLDS("thresholds"),
    PERSISTENT_CONN("persistent-conn"),
    NOSORT("nosort"),
    SYNCID("syncid"),
    EXACT("exact"),
    ONE_PACKET("ops"),
    PERSISTENCE_ENGINE("pe"),
    SCHED_FLAGS("sched-flags"),
    MCAST_GROUP("mcast-group"),
    MCAST_PORT("mcast-port"),
    MCAST_TTL("mcast-ttl"),
    SYNC_MAXLEN("sync-maxlen"),
    TUN_INFO("tun-info"),
    TUN_TYPE("tun-type"),
    TUN_PORT("tun-port"),
    TUN_NOCSUM("tun-nocsum"),
    TUN_CSUM("tun-csum"),
    TUN_REMCSUM("tun-remcsum");

    private final String ipvsadmName;

    Opt(String ipvsadmName) {
        this.ipvsadmName = ipvsadmName;
    }

    String ipvsadmName() {
        return ipvsadmName;
    }
}
