package io.jlvs.failover.internal.net;

/** The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of 16-bit words. */
public final class InternetChecksum {
    private InternetChecksum() {}

    /** Adds {@code length} bytes of {@code data} from {@code offset} to a running 32-bit {@code sum}. */
    public static long add(long sum, byte[] data, int offset, int length) {
        int i = 0;
        for (; i + 1 < length; i += 2) {
            sum += ((data[offset + i] & 0xff) << 8) | (data[offset + i + 1] & 0xff);
        }
        if (i < length) {
            sum += (data[offset + i] & 0xff) << 8; // an odd byte is padded with zero on the right
        }
        return sum;
    }

    /** Folds the carries back in and complements: the 16-bit value to put on the wire. */
    public static int finish(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }
}
