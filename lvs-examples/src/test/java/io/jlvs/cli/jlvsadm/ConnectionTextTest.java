package io.jlvs.cli.jlvsadm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** -L -c: /proc/net/ip_vs_conn as ipvsadm's print_conn shows it. */
class ConnectionTextTest {
    private static final String HEADER = "Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData";

    @Test
    void ipv4AndIpv6Connections() {
        List<String> proc = List.of(HEADER,
                "UDP 0A000001 9C40 0A000001 0035 0A000002 0035 UDP             299",
                "TCP 0A000001 D431 0A000001 0050 7F000001 1F90 SYN_RECV         59",
                "TCP 2001:0db8:0000:0000:0000:0000:0000:0001 1F90 2001:0db8:0000:0000:0000:0000:0000:0001 0050 "
                        + "2001:0db8:0000:0000:0000:0000:0000:0002 0050 ESTABLISHED     900");
        assertEquals(""
                + "IPVS connection entries\n"
                + "pro expire state       source             virtual            destination\n"
                + "UDP 04:59  UDP         10.0.0.1:40000     10.0.0.1:53        10.0.0.2:53\n"
                + "TCP 00:59  SYN_RECV    10.0.0.1:54321     10.0.0.1:80        127.0.0.1:8080\n"
                + "TCP 15:00  ESTABLISHED [2001:db8::1]:8080 [2001:db8::1]:80   [2001:db8::2]:80\n",
                new ConnectionText(false, Names.numeric()).format(proc));
    }

    @Test
    void persistenceEngineColumns() {
        List<String> proc = List.of(HEADER,
                "UDP 0A000001 13C4 0A000001 13C4 0A000002 13C4 UDP             179 sip 1234@host",
                "UDP 0A000001 9C40 0A000001 0035 0A000002 0035 UDP             299");
        assertEquals(""
                + "IPVS connection entries\n"
                + "pro expire state       source             virtual            destination        pe name          pe_data\n"
                + "UDP 02:59  UDP         10.0.0.1:5060      10.0.0.1:5060      10.0.0.2:5060      sip              1234@host\n"
                + "UDP 04:59  UDP         10.0.0.1:40000     10.0.0.1:53        10.0.0.2:53\n",
                new ConnectionText(true, Names.numeric()).format(proc));
    }

    @Test
    void emptyTable() {
        assertEquals("IPVS connection entries\npro expire state       source             virtual            destination\n",
                new ConnectionText(false, Names.numeric()).format(List.of(HEADER)));
    }
}
