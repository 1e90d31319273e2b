package io.jlvs.cli.jlvsadm;

import io.jlvs.ipvs.RealServerEntry;
import io.jlvs.ipvs.ServiceEntry;
import io.jlvs.ipvs.ServiceKey;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order ipvsadm lists services and real servers in (unless --nosort): libipvs's ipvs_cmp_services
 * and ipvs_cmp_dests run by glibc's qsort.
 *
 * <p>Both comparisons subtract unsigned 32-bit values and read the difference as a signed int, so
 * addresses more than 2^31 apart compare the wrong way round (10.0.0.1 sorts after 200.0.0.1), and the
 * order is not even transitive. To print the same order, jlvsadm computes the same differences and
 * sorts with the same algorithm as glibc 2.36's qsort (msort.c: a top-down merge sort that takes the
 * left element while the comparison is &lt;= 0), which is what Debian 12's ipvsadm runs on.
 */
final class ListingOrder {
    private ListingOrder() {}

    static List<Table.Service> services(List<Table.Service> kernelOrder) {
        return mergeSort(kernelOrder, (a, b) -> compareServices(a.entry(), b.entry()));
    }

    static List<RealServerEntry> realServers(List<RealServerEntry> kernelOrder) {
        return mergeSort(kernelOrder, ListingOrder::compareRealServers);
    }

    /** ipvs_cmp_services: fwmark, family, protocol, address, port, each as a wrapped int difference. */
    static int compareServices(ServiceEntry a, ServiceEntry b) {
        ServiceKey ka = a.key();
        ServiceKey kb = b.key();
        int r = fwmark(ka) - fwmark(kb);
        if (r != 0) {
            return r;
        }
        r = ka.family().number() - kb.family().number();
        if (r != 0) {
            return r;
        }
        r = protocol(ka) - protocol(kb);
        if (r != 0) {
            return r;
        }
        boolean v6 = ka.family().number() == 10;
        r = compareAddresses(v6, address(ka), address(kb));
        if (r != 0) {
            return r;
        }
        return port(ka) - port(kb);
    }

    /** ipvs_cmp_dests: address (read as the first one's family says), then port. */
    static int compareRealServers(RealServerEntry a, RealServerEntry b) {
        boolean v6 = a.server().address().getAddress().length == 16;
        int r = compareAddresses(v6, padded(a.server().address()), padded(b.server().address()));
        if (r != 0) {
            return r;
        }
        return a.server().port() - b.server().port();
    }

    /** The 32-bit words of the addresses (in host order), subtracted as C does: unsigned, read as int. */
    private static int compareAddresses(boolean v6, byte[] a, byte[] b) {
        int words = v6 ? 4 : 1;
        int r = 0;
        for (int i = 0; r == 0 && i < words; i++) {
            r = word(a, i) - word(b, i);
        }
        return r;
    }

    private static int word(byte[] b, int i) {
        return ((b[4 * i] & 0xff) << 24) | ((b[4 * i + 1] & 0xff) << 16) | ((b[4 * i + 2] & 0xff) << 8) | (b[4 * i + 3] & 0xff);
    }

    /** union nf_inet_addr: 16 bytes, an IPv4 address in the first four and zeros after. */
    private static byte[] padded(InetAddress address) {
        return java.util.Arrays.copyOf(address.getAddress(), 16);
    }

    private static int fwmark(ServiceKey key) {
        return key instanceof ServiceKey.Fwmark f ? f.mark() : 0;
    }

    private static int protocol(ServiceKey key) {
        return key instanceof ServiceKey.Address a ? a.protocol().number() : 0;
    }

    private static byte[] address(ServiceKey key) {
        return key instanceof ServiceKey.Address a ? padded(a.address()) : new byte[16];
    }

    private static int port(ServiceKey key) {
        return key instanceof ServiceKey.Address a ? a.port() : 0;
    }

    /** glibc 2.36 msort_with_tmp: split n into n/2 and the rest, sort both, merge taking left on <= 0. */
    static <T> List<T> mergeSort(List<T> items, Comparator<T> cmp) {
        List<T> work = new ArrayList<>(items);
        sort(work, 0, work.size(), cmp);
        return work;
    }

    private static <T> void sort(List<T> b, int from, int n, Comparator<T> cmp) {
        if (n <= 1) {
            return;
        }
        int n1 = n / 2;
        int n2 = n - n1;
        sort(b, from, n1, cmp);
        sort(b, from + n1, n2, cmp);
        List<T> merged = new ArrayList<>(n);
        int i = from;
        int j = from + n1;
        int end1 = from + n1;
        int end2 = from + n;
        while (i < end1 && j < end2) {
            if (cmp.compare(b.get(i), b.get(j)) <= 0) {
                merged.add(b.get(i++));
            } else {
                merged.add(b.get(j++));
            }
        }
        while (i < end1) {
            merged.add(b.get(i++));
        }
        while (j < end2) {
            merged.add(b.get(j++));
        }
        for (int k = 0; k < n; k++) {
            b.set(from + k, merged.get(k));
        }
    }
}
