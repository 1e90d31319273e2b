package io.jlvs.ipvs;

import java.time.Duration;

/**
 * Connection timeouts (ipvsadm {@code --set tcp tcpfin udp}; IPVS_CMD_ATTR_TIMEOUT_*). When
 * setting, zero leaves that timeout unchanged, as with ipvsadm {@code --set 0 0 0}.
 *
 * <p>Each is whole seconds, 0 .. 2147483647 s. The kernel refuses (EINVAL) more than INT_MAX / HZ
 * seconds, about 24 days at HZ=1000 (ip_vs_set_timeout).
 *
 * @param tcp established TCP connections
 * @param tcpFin TCP connections after a FIN
 * @param udp UDP "connections"
 */
public record Timeouts(Duration tcp, Duration tcpFin, Duration udp) {
    /** All zero: when set, changes nothing. */
    public static final Timeouts UNCHANGED = new Timeouts(Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public Timeouts {
        Checks.wholeSeconds(tcp, "tcp timeout", 0, Integer.MAX_VALUE);
        Checks.wholeSeconds(tcpFin, "tcpfin timeout", 0, Integer.MAX_VALUE);
        Checks.wholeSeconds(udp, "udp timeout", 0, Integer.MAX_VALUE);
    }

    /** Timeouts in seconds. */
    public static Timeouts ofSeconds(long tcp, long tcpFin, long udp) {
        return new Timeouts(Duration.ofSeconds(tcp), Duration.ofSeconds(tcpFin), Duration.ofSeconds(udp));
    }

    /** As ipvsadm -L --timeout shows them: "Timeout (tcp tcpfin udp): 900 120 300". */
    @Override
    public String toString() {
        return "Timeout (tcp tcpfin udp): " + tcp.getSeconds() + " " + tcpFin.getSeconds() + " " + udp.getSeconds();
    }
}
