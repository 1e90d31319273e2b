package io.jlvs.cli.jlvsadm;

/** ipvsadm's printing format flags (FMT_*): what a listing shows and how. */
enum ListFormat {
    /** -n: numbers, no name lookups. */
    NUMERIC,
    /** -S: as rules that -R reads back. */
    RULE,
    /** --stats: traffic counters. */
    STATS,
    /** --rate: traffic rates. */
    RATE,
    /** --thresholds: connection thresholds. */
    THRESHOLDS,
    /** --persistent-conn: persistence templates per real server. */
    PERSISTENT_CONN,
    /** --nosort: the kernel's order. */
    NOSORT,
    /** --exact: whole numbers instead of K, M, G, T. */
    EXACT,
    /** --tun-info: tunnel encapsulation per real server. */
    TUN_INFO
}
