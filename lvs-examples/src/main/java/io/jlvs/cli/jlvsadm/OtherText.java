package io.jlvs.cli.jlvsadm;

import io.jlvs.ipvs.SyncDaemon;
import io.jlvs.ipvs.Timeouts;
import java.util.List;
import java.util.Locale;

/** ipvsadm's two small listings: list_timeout (-L --timeout) and list_daemon (-L --daemon). */
final class OtherText {
    private OtherText() {}

    /** "Timeout (tcp tcpfin udp): %d %d %d\n". */
    static String timeouts(Timeouts t) {
        return "Timeout (tcp tcpfin udp): " + (int) t.tcp().getSeconds() + " " + (int) t.tcpFin().getSeconds() + " "
                + (int) t.udp().getSeconds() + "\n";
    }

    /** One line per daemon: "%s sync daemon (mcast=%s, syncid=%d", maxlen, group, port, ttl, ")". */
    static String daemons(List<SyncDaemon> daemons) {
        StringBuilder out = new StringBuilder();
        // ipvsadm keeps at most two (one master, one backup), in the kernel's order
        for (SyncDaemon d : daemons.subList(0, Math.min(2, daemons.size()))) {
            out.append(d.state().name().toLowerCase(Locale.ROOT)).append(" sync daemon (mcast=")
                    .append(d.interfaceName()).append(", syncid=").append(d.syncId());
            if (d.syncMaxLength() != 0) {
                out.append(", maxlen=").append(d.syncMaxLength());
            }
            d.multicastGroup().ifPresent(g -> out.append(", group=").append(InetNtop.format(g)));
            if (d.multicastPort() != 0) {
                out.append(", port=").append(d.multicastPort());
            }
            if (d.multicastTtl() != 0) {
                out.append(", ttl=").append(d.multicastTtl());
            }
            out.append(")\n");
        }
        return out.toString();
    }
}
