package io.jlvs.ipvs;

import io.jlvs.ipvs.internal.IpvsUapi;
import java.util.Optional;

/** How packets reach a real server (IPVS_DEST_ATTR_FWD_METHOD, the IP_VS_CONN_F_FWD_MASK bits). */
public enum ForwardingMethod {
    /** NAT: the director rewrites addresses both ways (IP_VS_CONN_F_MASQ; ipvsadm -m, "Masq"). */
    MASQUERADE(IpvsUapi.IP_VS_CONN_F_MASQ, "Masq", "-m"),
    /** The real server is the director itself (IP_VS_CONN_F_LOCALNODE, "Local"; no ipvsadm option). */
    LOCAL(IpvsUapi.IP_VS_CONN_F_LOCALNODE, "Local", null),
    /** Encapsulated to the real server, see {@link TunnelOptions} (IP_VS_CONN_F_TUNNEL; ipvsadm -i, "Tunnel"). */
    TUNNEL(IpvsUapi.IP_VS_CONN_F_TUNNEL, "Tunnel", "-i"),
    /** Direct routing: frames sent to the real server's MAC (IP_VS_CONN_F_DROUTE; ipvsadm -g, "Route", its default). */
    DIRECT_ROUTE(IpvsUapi.IP_VS_CONN_F_DROUTE, "Route", "-g");

    private final int kernelValue;
    private final String ipvsadmName;
    private final String ipvsadmOption;

    ForwardingMethod(int kernelValue, String ipvsadmName, String ipvsadmOption) {
        this.kernelValue = kernelValue;
        this.ipvsadmName = ipvsadmName;
        this.ipvsadmOption = ipvsadmOption;
    }

    /** The IP_VS_CONN_F_* value. */
    public int kernelValue() {
        return kernelValue;
    }

    /** The word ipvsadm lists: "Masq", "Local", "Tunnel", "Route". */
    public String ipvsadmName() {
        return ipvsadmName;
    }

    /** The ipvsadm option selecting it: "-m", "-i", "-g"; empty for LOCAL. */
    public Optional<String> ipvsadmOption() {
        return Optional.ofNullable(ipvsadmOption);
    }

    /**
     * The method in IPVS_DEST_ATTR_FWD_METHOD. Like ip_vs_genl_parse_dest, only the
     * IP_VS_CONN_F_FWD_MASK bits count; IP_VS_CONN_F_BYPASS (4) and 5..7 are not destination
     * methods and give IllegalArgumentException.
     */
    public static ForwardingMethod fromKernel(int connFlags) {
        int method = connFlags & IpvsUapi.IP_VS_CONN_F_FWD_MASK;
        for (ForwardingMethod m : values()) {
            if (m.kernelValue == method) {
                return m;
            }
        }
        throw new IllegalArgumentException("forwarding method " + method
                + " is not a real server's (0 masq, 1 local, 2 tunnel, 3 route)");
    }
}
