package io.jlvs.cli.jlvsadm;

import static io.jlvs.cli.jlvsadm.Fixtures.entry;
import static io.jlvs.cli.jlvsadm.Fixtures.ip;
import static io.jlvs.cli.jlvsadm.Fixtures.server;
import static io.jlvs.cli.jlvsadm.Fixtures.service;
import static io.jlvs.cli.jlvsadm.Fixtures.table;
import static io.jlvs.cli.jlvsadm.Fixtures.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jlvs.ipvs.Operation;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.VirtualService;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** -R as one batch, and what --dry-run says each line would do to the live table. */
class RestorePlanTest {
    private final IpvsadmParser parser = new IpvsadmParser(Fixtures.services());

    private RestorePlan plan(String input, Table live) throws Exception {
        return RestorePlan.of(RestoreReader.read(new BufferedReader(new StringReader(input)), parser), live);
    }

    private static Table live() {
        return table(entry(service(VirtualService.builder(tcp("10.0.0.1", 80)).build()),
                server(RealServer.builder(ip("10.0.0.2"), 80).masquerade().build())));
    }

    @Test
    void oneOperationPerLineInOrder() throws Exception {
        RestorePlan p = plan("-A -t 10.0.0.9:80 -s rr\n-a -t 10.0.0.9:80 -r 10.0.0.2 -m\n", null);
        assertEquals(List.of(
                new Operation.AddService(VirtualService.builder(tcp("10.0.0.9", 80)).scheduler("rr").build()),
                new Operation.AddRealServer(tcp("10.0.0.9", 80), RealServer.builder(ip("10.0.0.2"), 80).masquerade().build())),
                p.batch().operations());
    }

    @Test
    void clearDeletesEveryServiceTheTableHasByThen() throws Exception {
        RestorePlan p = plan("-A -t 10.0.0.9:80\n-C\n-A -t 10.0.0.1:80\n", live());
        assertEquals(List.of(
                new Operation.AddService(VirtualService.builder(tcp("10.0.0.9", 80)).build()),
                new Operation.DeleteService(tcp("10.0.0.1", 80)),
                new Operation.DeleteService(tcp("10.0.0.9", 80)),
                new Operation.AddService(VirtualService.builder(tcp("10.0.0.1", 80)).build())),
                p.batch().operations());
        assertEquals(List.of(1, 2, 2, 3), p.steps().stream().map(RestorePlan.Step::line).toList());
    }

    @Test
    void dryRunSaysWhatEachLineWouldDo() throws Exception {
        RestorePlan p = plan("-A -t 10.0.0.1:80\n"
                + "-E -t 10.0.0.1:80 -s wlc\n"
                + "-e -t 10.0.0.1:80 -r 10.0.0.2 -m -w 5\n"
                + "-a -t 10.0.0.1:80 -r 10.0.0.3\n"
                + "-d -t 10.0.0.7:80 -r 10.0.0.3\n"
                + "-D -t 10.0.0.1:80\n", live());
        assertEquals(""
                + "line 1: add service TCP 10.0.0.1:80 wlc: would fail: service TCP 10.0.0.1:80 already exists\n"
                + "line 2: edit service TCP 10.0.0.1:80 wlc: no change\n"
                + "line 3: edit real server 10.0.0.2:80 Masq weight 5 of TCP 10.0.0.1:80\n"
                + "line 4: add real server 10.0.0.3:80 Route weight 1 to TCP 10.0.0.1:80\n"
                + "line 5: delete real server 10.0.0.3:80 from TCP 10.0.0.7:80: would fail: no such service TCP 10.0.0.7:80\n"
                + "line 6: delete service TCP 10.0.0.1:80\n"
                + "6 operations: 3 would change the table, 1 would change nothing, 2 would fail\n",
                p.describe());
    }
}
