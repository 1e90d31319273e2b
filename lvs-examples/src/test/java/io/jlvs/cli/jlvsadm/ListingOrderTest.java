package io.jlvs.cli.jlvsadm;

import static io.jlvs.cli.jlvsadm.Fixtures.ip;
import static io.jlvs.cli.jlvsadm.Fixtures.server;
import static io.jlvs.cli.jlvsadm.Fixtures.service;
import static io.jlvs.cli.jlvsadm.Fixtures.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlvs.ipvs.AddressFamily;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerEntry;
import io.jlvs.ipvs.ServiceEntry;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.VirtualService;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** libipvs's comparisons under glibc's merge sort, quirks included. */
class ListingOrderTest {

    private static ServiceEntry svc(ServiceKey key) {
        return service(VirtualService.builder(key).build());
    }

    private static RealServerEntry rs(String address, int port) {
        return server(RealServer.builder(ip(address), port).masquerade().build());
    }

    @Test
    void addressServicesBeforeFwmarksThenByFamilyProtocolAddressPort() {
        ServiceEntry mark = svc(ServiceKey.fwmark(1, AddressFamily.INET));
        ServiceEntry udp = svc(Fixtures.udp("10.0.0.1", 53));
        ServiceEntry tcp6 = svc(ServiceKey.tcp(ip("2001:db8::1"), 80));
        ServiceEntry tcp81 = svc(tcp("10.0.0.1", 81));
        ServiceEntry tcp80 = svc(tcp("10.0.0.1", 80));
        List<ServiceEntry> sorted = ListingOrder.mergeSort(List.of(mark, udp, tcp6, tcp81, tcp80), ListingOrder::compareServices);
        assertEquals(List.of(tcp80, tcp81, udp, tcp6, mark), sorted);
    }

    @Test
    void addressesMoreThanTwoToThe31ApartCompareTheWrongWayRound() {
        // ntohl(10.0.0.1) - ntohl(200.0.0.1) wraps to a positive int in libipvs
        ServiceEntry low = svc(tcp("10.0.0.1", 80));
        ServiceEntry high = svc(tcp("200.0.0.1", 80));
        assertEquals(List.of(high, low), ListingOrder.mergeSort(List.of(low, high), ListingOrder::compareServices));
        assertEquals(List.of(rs("200.0.0.1", 80), rs("10.0.0.1", 80)),
                ListingOrder.realServers(List.of(rs("10.0.0.1", 80), rs("200.0.0.1", 80))));
    }

    @Test
    void fwmarkTwoToThe31ComparesBelowAnAddressServiceEitherWayRound() {
        // 0x80000000 - 0 and 0 - 0x80000000 are both INT_MIN: each is "less", so the kernel's order stays
        ServiceEntry bigMark = svc(ServiceKey.fwmark(0x8000_0000, AddressFamily.INET));
        ServiceEntry address = svc(tcp("10.0.0.1", 80));
        assertEquals(List.of(address, bigMark), ListingOrder.mergeSort(List.of(address, bigMark), ListingOrder::compareServices));
        assertEquals(List.of(bigMark, address), ListingOrder.mergeSort(List.of(bigMark, address), ListingOrder::compareServices));
    }

    @Test
    void realServersByAddressThenPort() {
        assertEquals(List.of(rs("10.0.0.2", 80), rs("10.0.0.2", 8080), rs("10.0.0.3", 80)),
                ListingOrder.realServers(List.of(rs("10.0.0.3", 80), rs("10.0.0.2", 8080), rs("10.0.0.2", 80))));
    }

    @Test
    void mergeSortIsStableAndSplitsAsGlibcDoes() {
        // With a comparator that says "equal" for everything, the input order stays.
        List<Integer> input = List.of(5, 3, 9, 1, 7);
        assertEquals(input, ListingOrder.mergeSort(input, (a, b) -> 0));
        assertEquals(List.of(1, 3, 5, 7, 9), ListingOrder.mergeSort(input, Comparator.naturalOrder()));
    }

    @Test
    void aNonTransitiveOrderComesOutAsGlibcWouldLeaveIt() {
        // 10.0.0.1 < 100.0.0.1 < 200.0.0.1 pairwise by difference, but 200.0.0.1 < 10.0.0.1 by wrapped difference.
        // glibc: split [a, b, c] into [a] and [b, c]; [b, c] merges to [b, c]; then a vs b: a < b, so a, b, c.
        RealServerEntry a = rs("10.0.0.1", 80);
        RealServerEntry b = rs("100.0.0.1", 80);
        RealServerEntry c = rs("200.0.0.1", 80);
        assertEquals(List.of(a, b, c), ListingOrder.realServers(List.of(a, b, c)));
        // [c, a, b] -> [c] and [a, b]; c vs a: c < a (wrapped), so c, a, b
        assertEquals(List.of(c, a, b), ListingOrder.realServers(List.of(c, a, b)));
    }
}
