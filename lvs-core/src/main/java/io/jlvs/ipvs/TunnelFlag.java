package io.jlvs.ipvs;

import io.jlvs.ipvs.internal.IpvsUapi;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Tunnel encapsulation flags (IPVS_DEST_ATTR_TUN_FLAGS, IP_VS_TUNNEL_ENCAP_FLAG_*). "No checksum"
 * (IP_VS_TUNNEL_ENCAP_FLAG_NOCSUM) is the value 0, not a bit: it is the empty set.
 */
public enum TunnelFlag {
    /** Outer checksum (IP_VS_TUNNEL_ENCAP_FLAG_CSUM; ipvsadm --tun-csum, "+c"). GUE and GRE. */
    CSUM(IpvsUapi.IP_VS_TUNNEL_ENCAP_FLAG_CSUM, "+c"),
    /** Remote checksum offload (IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM; ipvsadm --tun-remcsum, "r+c"). GUE only. */
    REMCSUM(IpvsUapi.IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM, "r+c");

    private static final int ALL = IpvsUapi.IP_VS_TUNNEL_ENCAP_FLAG_CSUM | IpvsUapi.IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM;

    private final int kernelBit;
    private final String ipvsadmName;

    TunnelFlag(int kernelBit, String ipvsadmName) {
        this.kernelBit = kernelBit;
        this.ipvsadmName = ipvsadmName;
    }

    /** The IP_VS_TUNNEL_ENCAP_FLAG_* bit. */
    public int kernelBit() {
        return kernelBit;
    }

    /** How ipvsadm --tun-info shows it: "+c", "r+c" (and "-c" for none). */
    public String ipvsadmName() {
        return ipvsadmName;
    }

    /** The IPVS_DEST_ATTR_TUN_FLAGS value of a set of flags. */
    public static int toKernelBits(Set<TunnelFlag> flags) {
        int bits = 0;
        for (TunnelFlag f : flags) {
            bits |= f.kernelBit;
        }
        return bits;
    }

    /** The flags in an IPVS_DEST_ATTR_TUN_FLAGS value; unknown bits are an IllegalArgumentException. */
    public static Set<TunnelFlag> fromKernelBits(int bits) {
        if ((bits & ~ALL) != 0) {
            throw new IllegalArgumentException("tunnel flags 0x" + Integer.toHexString(bits)
                    + " have bits other than CSUM 0x1 and REMCSUM 0x2");
        }
        EnumSet<TunnelFlag> flags = EnumSet.noneOf(TunnelFlag.class);
        for (TunnelFlag f : values()) {
            if ((bits & f.kernelBit) != 0) {
                flags.add(f);
            }
        }
        return Collections.unmodifiableSet(flags);
    }
}
