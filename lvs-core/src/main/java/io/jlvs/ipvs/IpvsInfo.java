package io.jlvs.ipvs;

/**
 * What IPVS_CMD_GET_INFO tells about the kernel's IPVS.
 *
 * @param version IP_VS_VERSION_CODE, e.g. 0x010201 for 1.2.1
 * @param connectionTableSize buckets in the connection hash table (module parameter conn_tab_bits)
 */
public record IpvsInfo(int version, int connectionTableSize) {
    public IpvsInfo {
        Checks.range(version, 0, 0xFF_FFFF, "IPVS version code");
        Checks.range(connectionTableSize, 0, Integer.MAX_VALUE, "connection table size");
    }

    /** "1.2.1". */
    public String versionString() {
        return ((version >> 16) & 0xff) + "." + ((version >> 8) & 0xff) + "." + (version & 0xff);
    }

    /** As the kernel words it in /proc/net/ip_vs: "IP Virtual Server version 1.2.1 (size=4096)". */
    @Override
    public String toString() {
        return "IP Virtual Server version " + versionString() + " (size=" + connectionTableSize + ")";
    }
}
