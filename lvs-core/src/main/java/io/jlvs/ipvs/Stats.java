package io.jlvs.ipvs;

/**
 * Traffic counters and rates of a service or real server (IPVS_*_ATTR_STATS64). The kernel's
 * values are unsigned 64-bit; a value above {@link Long#MAX_VALUE} shows as negative here, use
 * {@link Long#toUnsignedString(long)} to print it. Counters run from the last zeroing; rates are
 * the kernel's estimates per second (bytes per second for the *Bps rates).
 *
 * @param connections connections scheduled
 * @param inPackets incoming packets
 * @param outPackets outgoing packets (none with direct routing or tunnelling)
 * @param inBytes incoming bytes
 * @param outBytes outgoing bytes
 * @param cps connections per second
 * @param inPps incoming packets per second
 * @param outPps outgoing packets per second
 * @param inBps incoming bytes per second
 * @param outBps outgoing bytes per second
 */
public record Stats(
        long connections, long inPackets, long outPackets, long inBytes, long outBytes,
        long cps, long inPps, long outPps, long inBps, long outBps) {

    /** All zero. */
    public static final Stats ZERO = new Stats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
