package io.jlvs.ipvs;

import io.jlvs.ipvs.internal.IpvsUapi;

/** The encapsulation of a TUNNEL real server (IPVS_DEST_ATTR_TUN_TYPE, IP_VS_CONN_F_TUNNEL_TYPE_*). */
public enum TunnelType {
    /** IP in IP: the default, and all that kernels before 5.2 do. */
    IPIP(IpvsUapi.IP_VS_CONN_F_TUNNEL_TYPE_IPIP, "ipip"),
    /** Generic UDP Encapsulation to a UDP port. */
    GUE(IpvsUapi.IP_VS_CONN_F_TUNNEL_TYPE_GUE, "gue"),
    /** GRE. */
    GRE(IpvsUapi.IP_VS_CONN_F_TUNNEL_TYPE_GRE, "gre");

    private final int kernelValue;
    private final String ipvsadmName;

    TunnelType(int kernelValue, String ipvsadmName) {
        this.kernelValue = kernelValue;
        this.ipvsadmName = ipvsadmName;
    }

    /** The IP_VS_CONN_F_TUNNEL_TYPE_* value. */
    public int kernelValue() {
        return kernelValue;
    }

    /** The name ipvsadm uses after {@code --tun-type}: "ipip", "gue", "gre". */
    public String ipvsadmName() {
        return ipvsadmName;
    }

    /** The type with that IP_VS_CONN_F_TUNNEL_TYPE_* value; IllegalArgumentException for any other. */
    public static TunnelType fromKernel(int value) {
        for (TunnelType t : values()) {
            if (t.kernelValue == value) {
                return t;
            }
        }
        throw new IllegalArgumentException("tunnel type " + value + " is not 0 ipip, 1 gue or 2 gre");
    }
}
