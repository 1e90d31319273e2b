package io.jlvs.ipvs.internal;

/**
 * The kernel's IPVS generic-netlink ABI, named exactly as in {@code include/uapi/linux/ip_vs.h}
 * (and, where the header leaves it out, the kernel source file cited beside the constant).
 *
 * <p>Only what the generic-netlink interface uses is here; the old setsockopt interface
 * ({@code IP_VS_SO_*}, {@code struct ip_vs_service_user}, ...) is deliberately absent.
 *
 * <h2>Wire types and byte order</h2>
 * Netlink integers are in host byte order unless a constant's comment says "network byte order".
 * The exceptions in IPVS are easy to get wrong, so every attribute below names its type, taken
 * from the policies and the {@code ip_vs_genl_fill_*} functions in
 * {@code net/netfilter/ipvs/ip_vs_ctl.c}:
 * <ul>
 *   <li>ports ({@code *_PORT}, {@code IPVS_DEST_ATTR_TUN_PORT}) are {@code __be16}: network byte order;
 *       but {@code IPVS_DAEMON_ATTR_MCAST_PORT} is a host-order u16;
 *   <li>addresses are {@code union nf_inet_addr}: 16 bytes, an IPv4 address in the first 4 (the
 *       kernel sends all 16; it accepts 4 or 16 since {@code nla_memcpy} copies what is there);
 *   <li>{@code IPVS_SVC_ATTR_NETMASK} is 4 bytes read with {@code nla_get_be32}: for an IPv4 service
 *       the netmask itself in network byte order (255.255.255.0 is {@code ff ff ff 00}); for an IPv6
 *       service {@code ip_vs_add_service} reads the same 4 bytes as a <em>host-order</em> u32 prefix
 *       length 1..128 ({@code (__force __u32) u->netmask}), which is what ipvsadm's libipvs sends;
 *   <li>{@code IPVS_SVC_ATTR_FLAGS} is {@code struct ip_vs_flags {u32 flags; u32 mask;}}, host order;
 *       the kernel applies {@code (old & ~mask) | (flags & mask)} and replies with mask {@code ~0};
 *   <li>strings are NUL-terminated ({@code NLA_NUL_STRING}).
 * </ul>
 */
public final class IpvsUapi {
    private IpvsUapi() {}

    // ---- Generic netlink family ----------------------------------------------------------------

    /** Generic netlink family name. */
    public static final String IPVS_GENL_NAME = "IPVS";
    /** Generic netlink family version, sent in genlmsghdr.version. */
    public static final int IPVS_GENL_VERSION = 0x1;
    /** IPVS version reported by IPVS_CMD_GET_INFO: 0x010201 = 1.2.1 (unchanged for many years). */
    public static final int IP_VS_VERSION_CODE = 0x010201;

    // ---- Name lengths (all include the terminating NUL) ----------------------------------------

    /** Scheduler name buffer: at most 15 characters plus NUL (policy len IP_VS_SCHEDNAME_MAXLEN - 1). */
    public static final int IP_VS_SCHEDNAME_MAXLEN = 16;
    /** Persistence engine name buffer ("sip"); ipvsadm copies at most 15 characters plus NUL. */
    public static final int IP_VS_PENAME_MAXLEN = 16;
    /** Sync daemon interface name buffer (IFNAMSIZ): at most 15 characters plus NUL. */
    public static final int IP_VS_IFNAME_MAXLEN = 16;

    /** sizeof(union nf_inet_addr): address attributes are 16 bytes. */
    public static final int NF_INET_ADDR_LEN = 16;
    /** sizeof(struct ip_vs_flags): two u32, flags then mask. */
    public static final int IP_VS_FLAGS_LEN = 8;

    // ---- Virtual service flags (IPVS_SVC_ATTR_FLAGS) ------------------------------------------

    /** Persistent service: connections from one client stick to one real server for the timeout. */
    public static final int IP_VS_SVC_F_PERSISTENT = 0x0001;
    /** Kernel-internal: the service is in the hash table. Always set in replies; ignored on add. */
    public static final int IP_VS_SVC_F_HASHED = 0x0002;
    /** One-packet scheduling: every packet scheduled on its own (ipvsadm -o, meant for UDP). */
    public static final int IP_VS_SVC_F_ONEPACKET = 0x0004;
    /** Scheduler flag 1: meaning depends on the scheduler (sh, mh: fallback). */
    public static final int IP_VS_SVC_F_SCHED1 = 0x0008;
    /** Scheduler flag 2: meaning depends on the scheduler (sh, mh: hash the source port too). */
    public static final int IP_VS_SVC_F_SCHED2 = 0x0010;
    /** Scheduler flag 3: no mainline scheduler uses it. */
    public static final int IP_VS_SVC_F_SCHED3 = 0x0020;
    /** All three scheduler flag bits. Not in the header; a convenience for masking. */
    public static final int IP_VS_SVC_F_SCHED_MASK =
            IP_VS_SVC_F_SCHED1 | IP_VS_SVC_F_SCHED2 | IP_VS_SVC_F_SCHED3;
    /** sh: when the chosen server is unavailable, try the next one (IP_VS_SVC_F_SCHED1). */
    public static final int IP_VS_SVC_F_SCHED_SH_FALLBACK = IP_VS_SVC_F_SCHED1;
    /** sh: hash the source port as well as the address (IP_VS_SVC_F_SCHED2). */
    public static final int IP_VS_SVC_F_SCHED_SH_PORT = IP_VS_SVC_F_SCHED2;
    /** mh: fallback as for sh. Defined in net/netfilter/ipvs/ip_vs_mh.c, not in the uapi header. */
    public static final int IP_VS_SVC_F_SCHED_MH_FALLBACK = IP_VS_SVC_F_SCHED1;
    /** mh: hash the source port. Defined in net/netfilter/ipvs/ip_vs_mh.c, not in the uapi header. */
    public static final int IP_VS_SVC_F_SCHED_MH_PORT = IP_VS_SVC_F_SCHED2;

    // ---- Sync daemon states (IPVS_DAEMON_ATTR_STATE) ------------------------------------------

    /** Daemon stopped. */
    public static final int IP_VS_STATE_NONE = 0x0000;
    /** Daemon started as master (sends connection state). */
    public static final int IP_VS_STATE_MASTER = 0x0001;
    /** Daemon started as backup (receives connection state). */
    public static final int IP_VS_STATE_BACKUP = 0x0002;

    // ---- Forwarding methods (IPVS_DEST_ATTR_FWD_METHOD, the low bits of conn_flags) -----------

    /** Mask for the forwarding method; the kernel applies it when parsing a destination. */
    public static final int IP_VS_CONN_F_FWD_MASK = 0x0007;
    /** Masquerading / NAT (ipvsadm -m, "Masq"). */
    public static final int IP_VS_CONN_F_MASQ = 0x0000;
    /** Local node: the real server is this host ("Local"). */
    public static final int IP_VS_CONN_F_LOCALNODE = 0x0001;
    /** Tunnelling: IPIP, GUE or GRE (ipvsadm -i, "Tunnel"). */
    public static final int IP_VS_CONN_F_TUNNEL = 0x0002;
    /** Direct routing (ipvsadm -g, "Route"; ipvsadm's default). */
    public static final int IP_VS_CONN_F_DROUTE = 0x0003;
    /** Cache bypass: connection-level only, never a destination's method. */
    public static final int IP_VS_CONN_F_BYPASS = 0x0004;

    // ---- Tunnel types and encapsulation flags (IPVS_DEST_ATTR_TUN_TYPE / _TUN_FLAGS) ---------

    /** IP-in-IP (the default, and the only type before Linux 5.2). */
    public static final int IP_VS_CONN_F_TUNNEL_TYPE_IPIP = 0;
    /** Generic UDP Encapsulation; needs a tunnel port (ip_vs_add_dest: -EINVAL when it is 0). */
    public static final int IP_VS_CONN_F_TUNNEL_TYPE_GUE = 1;
    /** GRE. */
    public static final int IP_VS_CONN_F_TUNNEL_TYPE_GRE = 2;
    /** One past the last tunnel type. */
    public static final int IP_VS_CONN_F_TUNNEL_TYPE_MAX = 3;
    /** No checksum: the value 0, i.e. no bit set (ipvsadm --tun-nocsum). */
    public static final int IP_VS_TUNNEL_ENCAP_FLAG_NOCSUM = 0;
    /** Outer checksum (ipvsadm --tun-csum, shown "+c"). */
    public static final int IP_VS_TUNNEL_ENCAP_FLAG_CSUM = 1 << 0;
    /** Remote checksum offload, GUE only (ipvsadm --tun-remcsum, shown "r+c"). */
    public static final int IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM = 1 << 1;

    // ---- Sync daemon defaults (net/netfilter/ipvs/ip_vs_sync.c, start_sync_thread) ------------

    /** Default multicast group when none is given: 224.0.0.81 (ip_vs_sync.c: 0xe0000051). */
    public static final String IP_VS_SYNC_GROUP = "224.0.0.81";
    /** Default multicast port when 0 is given (ip_vs_sync.c). */
    public static final int IP_VS_SYNC_PORT = 8848;
    /** Default multicast TTL when 0 is given ({@code c->mcast_ttl = 1}; not a kernel macro name). */
    public static final int IP_VS_SYNC_DEFAULT_TTL = 1;

    // ---- Commands (genlmsghdr.cmd) -------------------------------------------------------------

    public static final int IPVS_CMD_UNSPEC = 0;
    /** Add a service; also the command of every service in GET_SERVICE replies and dumps. */
    public static final int IPVS_CMD_NEW_SERVICE = 1;
    /** Edit a service: needs the full service (scheduler, flags, timeout, netmask). */
    public static final int IPVS_CMD_SET_SERVICE = 2;
    /** Delete a service (identifying attributes only). */
    public static final int IPVS_CMD_DEL_SERVICE = 3;
    /** Get one service (doit) or dump all (NLM_F_DUMP). */
    public static final int IPVS_CMD_GET_SERVICE = 4;
    /** Add a destination; also the command of each dumped destination. */
    public static final int IPVS_CMD_NEW_DEST = 5;
    /** Edit a destination: needs fwd method, weight, both thresholds. */
    public static final int IPVS_CMD_SET_DEST = 6;
    /** Delete a destination (address, port, optional family). */
    public static final int IPVS_CMD_DEL_DEST = 7;
    /** Dump the destinations of the service in IPVS_CMD_ATTR_SERVICE (dump only). */
    public static final int IPVS_CMD_GET_DEST = 8;
    /** Start a sync daemon; also the command of each dumped daemon. */
    public static final int IPVS_CMD_NEW_DAEMON = 9;
    /** Stop a sync daemon (needs IPVS_DAEMON_ATTR_STATE). */
    public static final int IPVS_CMD_DEL_DAEMON = 10;
    /** Dump running sync daemons (dump only). */
    public static final int IPVS_CMD_GET_DAEMON = 11;
    /** Set timeouts (IPVS_CMD_ATTR_TIMEOUT_*); also the command of the GET_CONFIG reply. */
    public static final int IPVS_CMD_SET_CONFIG = 12;
    /** Get timeouts. */
    public static final int IPVS_CMD_GET_CONFIG = 13;
    /** Only used as the command of the GET_INFO reply. */
    public static final int IPVS_CMD_SET_INFO = 14;
    /** Get version and connection table size. */
    public static final int IPVS_CMD_GET_INFO = 15;
    /** Zero counters: of one service when IPVS_CMD_ATTR_SERVICE is present, else of all. */
    public static final int IPVS_CMD_ZERO = 16;
    /** Delete every service (and so every destination). */
    public static final int IPVS_CMD_FLUSH = 17;
    public static final int IPVS_CMD_MAX = 17;

    // ---- First-level attributes ------------------------------------------------------------------

    public static final int IPVS_CMD_ATTR_UNSPEC = 0;
    /** Nested: IPVS_SVC_ATTR_*. */
    public static final int IPVS_CMD_ATTR_SERVICE = 1;
    /** Nested: IPVS_DEST_ATTR_*. */
    public static final int IPVS_CMD_ATTR_DEST = 2;
    /** Nested: IPVS_DAEMON_ATTR_*. */
    public static final int IPVS_CMD_ATTR_DAEMON = 3;
    /** u32 seconds: TCP established timeout; 0 on set = leave unchanged. */
    public static final int IPVS_CMD_ATTR_TIMEOUT_TCP = 4;
    /** u32 seconds: TCP FIN_WAIT timeout; 0 on set = leave unchanged. */
    public static final int IPVS_CMD_ATTR_TIMEOUT_TCP_FIN = 5;
    /** u32 seconds: UDP timeout; 0 on set = leave unchanged. */
    public static final int IPVS_CMD_ATTR_TIMEOUT_UDP = 6;
    public static final int IPVS_CMD_ATTR_MAX = 6;

    // ---- Service attributes (inside IPVS_CMD_ATTR_SERVICE) --------------------------------------
    // Required by ip_vs_genl_parse_service: AF and either FWMARK or (PROTOCOL, ADDR, PORT); for
    // NEW/SET_SERVICE also SCHED_NAME, FLAGS, TIMEOUT and NETMASK (else -EINVAL).

    public static final int IPVS_SVC_ATTR_UNSPEC = 0;
    /** u16: address family, AF_INET 2 or AF_INET6 10. Required. */
    public static final int IPVS_SVC_ATTR_AF = 1;
    /** u16: IPPROTO_TCP 6, IPPROTO_UDP 17, IPPROTO_SCTP 132. Absent in replies for fwmark services. */
    public static final int IPVS_SVC_ATTR_PROTOCOL = 2;
    /** binary, union nf_inet_addr (16 bytes; IPv4 in the first 4). */
    public static final int IPVS_SVC_ATTR_ADDR = 3;
    /** u16, network byte order. */
    public static final int IPVS_SVC_ATTR_PORT = 4;
    /** u32: firewall mark; non-zero makes this a fwmark service (protocol/addr/port then unused). */
    public static final int IPVS_SVC_ATTR_FWMARK = 5;
    /** NUL-terminated string, at most 15 characters; replies say "none" when no scheduler is bound. */
    public static final int IPVS_SVC_ATTR_SCHED_NAME = 6;
    /** binary struct ip_vs_flags {u32 flags; u32 mask}, host order; IP_VS_SVC_F_* bits. */
    public static final int IPVS_SVC_ATTR_FLAGS = 7;
    /** u32: persistence timeout in seconds (meaningful with IP_VS_SVC_F_PERSISTENT). */
    public static final int IPVS_SVC_ATTR_TIMEOUT = 8;
    /** 4 bytes: IPv4 netmask in network byte order, or IPv6 prefix length as a host-order u32. */
    public static final int IPVS_SVC_ATTR_NETMASK = 9;
    /** Nested IPVS_STATS_ATTR_*, 32-bit counters (replies only). */
    public static final int IPVS_SVC_ATTR_STATS = 10;
    /** NUL-terminated string: persistence engine name, e.g. "sip" (optional). */
    public static final int IPVS_SVC_ATTR_PE_NAME = 11;
    /** Nested IPVS_STATS_ATTR_*, all u64 (replies only, Linux 4.1+); prefer it over STATS. */
    public static final int IPVS_SVC_ATTR_STATS64 = 12;
    public static final int IPVS_SVC_ATTR_MAX = 12;

    // ---- Destination attributes (inside IPVS_CMD_ATTR_DEST) -------------------------------------
    // Required by ip_vs_genl_parse_dest: ADDR and PORT; for NEW/SET_DEST also FWD_METHOD, WEIGHT,
    // U_THRESH and L_THRESH. TUN_* and ADDR_FAMILY are optional (family defaults to the service's).

    public static final int IPVS_DEST_ATTR_UNSPEC = 0;
    /** binary, union nf_inet_addr (16 bytes). */
    public static final int IPVS_DEST_ATTR_ADDR = 1;
    /** u16, network byte order. */
    public static final int IPVS_DEST_ATTR_PORT = 2;
    /** u32: IP_VS_CONN_F_MASQ/LOCALNODE/TUNNEL/DROUTE (masked with IP_VS_CONN_F_FWD_MASK). */
    public static final int IPVS_DEST_ATTR_FWD_METHOD = 3;
    /** u32: weight, read into an int; negative is -ERANGE. */
    public static final int IPVS_DEST_ATTR_WEIGHT = 4;
    /** u32: upper connection threshold, 0 = none. */
    public static final int IPVS_DEST_ATTR_U_THRESH = 5;
    /** u32: lower connection threshold, 0 = none; above U_THRESH is -ERANGE. */
    public static final int IPVS_DEST_ATTR_L_THRESH = 6;
    /** u32: active connections (replies only). */
    public static final int IPVS_DEST_ATTR_ACTIVE_CONNS = 7;
    /** u32: inactive connections (replies only). */
    public static final int IPVS_DEST_ATTR_INACT_CONNS = 8;
    /** u32: persistence templates pointing at this destination (replies only). */
    public static final int IPVS_DEST_ATTR_PERSIST_CONNS = 9;
    /** Nested IPVS_STATS_ATTR_*, 32-bit counters (replies only). */
    public static final int IPVS_DEST_ATTR_STATS = 10;
    /** u16: the destination's own address family (may differ from the service's with TUNNEL). */
    public static final int IPVS_DEST_ATTR_ADDR_FAMILY = 11;
    /** Nested IPVS_STATS_ATTR_*, all u64 (replies only). */
    public static final int IPVS_DEST_ATTR_STATS64 = 12;
    /** u8: IP_VS_CONN_F_TUNNEL_TYPE_* (Linux 5.2+). */
    public static final int IPVS_DEST_ATTR_TUN_TYPE = 13;
    /** u16, network byte order: GUE destination port. */
    public static final int IPVS_DEST_ATTR_TUN_PORT = 14;
    /** u16, host order: IP_VS_TUNNEL_ENCAP_FLAG_* bits. */
    public static final int IPVS_DEST_ATTR_TUN_FLAGS = 15;
    public static final int IPVS_DEST_ATTR_MAX = 15;

    // ---- Sync daemon attributes (inside IPVS_CMD_ATTR_DAEMON) -----------------------------------
    // ip_vs_genl_new_daemon requires STATE, MCAST_IFN and SYNC_ID; DEL_DAEMON requires STATE.

    public static final int IPVS_DAEMON_ATTR_UNSPEC = 0;
    /** u32: IP_VS_STATE_MASTER or IP_VS_STATE_BACKUP. */
    public static final int IPVS_DAEMON_ATTR_STATE = 1;
    /** NUL-terminated string, at most 15 characters: multicast interface. */
    public static final int IPVS_DAEMON_ATTR_MCAST_IFN = 2;
    /** u32: sync id (ipvsadm allows 0..255; the sync protocol carries a u8). */
    public static final int IPVS_DAEMON_ATTR_SYNC_ID = 3;
    /** u16, host order: UDP payload size; 0 = derived from the MTU. */
    public static final int IPVS_DAEMON_ATTR_SYNC_MAXLEN = 4;
    /** u32, network byte order (in_addr): IPv4 multicast group; must be multicast (-EINVAL). */
    public static final int IPVS_DAEMON_ATTR_MCAST_GROUP = 5;
    /** binary, 16 bytes (in6_addr): IPv6 multicast group. */
    public static final int IPVS_DAEMON_ATTR_MCAST_GROUP6 = 6;
    /** u16, host order: multicast port; 0 = IP_VS_SYNC_PORT. */
    public static final int IPVS_DAEMON_ATTR_MCAST_PORT = 7;
    /** u8: multicast TTL; 0 = 1. */
    public static final int IPVS_DAEMON_ATTR_MCAST_TTL = 8;
    public static final int IPVS_DAEMON_ATTR_MAX = 8;

    // ---- Statistics attributes (inside *_ATTR_STATS and *_ATTR_STATS64) ------------------------
    // In STATS: CONNS, INPKTS, OUTPKTS and the five rates are u32; INBYTES, OUTBYTES u64.
    // In STATS64: all u64. u64 attributes may be preceded by IPVS_STATS_ATTR_PAD for alignment.

    public static final int IPVS_STATS_ATTR_UNSPEC = 0;
    /** Connections scheduled. */
    public static final int IPVS_STATS_ATTR_CONNS = 1;
    /** Incoming packets. */
    public static final int IPVS_STATS_ATTR_INPKTS = 2;
    /** Outgoing packets. */
    public static final int IPVS_STATS_ATTR_OUTPKTS = 3;
    /** Incoming bytes (u64 in both nests). */
    public static final int IPVS_STATS_ATTR_INBYTES = 4;
    /** Outgoing bytes (u64 in both nests). */
    public static final int IPVS_STATS_ATTR_OUTBYTES = 5;
    /** Current connection rate, per second. */
    public static final int IPVS_STATS_ATTR_CPS = 6;
    /** Current incoming packet rate, per second. */
    public static final int IPVS_STATS_ATTR_INPPS = 7;
    /** Current outgoing packet rate, per second. */
    public static final int IPVS_STATS_ATTR_OUTPPS = 8;
    /** Current incoming byte rate, per second. */
    public static final int IPVS_STATS_ATTR_INBPS = 9;
    /** Current outgoing byte rate, per second. */
    public static final int IPVS_STATS_ATTR_OUTBPS = 10;
    /** Padding for 64-bit alignment (nla_put_u64_64bit); skip it. */
    public static final int IPVS_STATS_ATTR_PAD = 11;
    public static final int IPVS_STATS_ATTR_MAX = 11;

    // ---- GET_INFO reply attributes (first level) -----------------------------------------------

    public static final int IPVS_INFO_ATTR_UNSPEC = 0;
    /** u32: IP_VS_VERSION_CODE. */
    public static final int IPVS_INFO_ATTR_VERSION = 1;
    /** u32: size of the connection hash table. */
    public static final int IPVS_INFO_ATTR_CONN_TAB_SIZE = 2;
    public static final int IPVS_INFO_ATTR_MAX = 2;
}
