package io.jlvs.bench.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import io.jlvs.ipvs.Operation;
import org.junit.jupiter.api.Test;

class ScaleTableTest {
    private final ScaleTable table = new ScaleTable(300, 5);

    @Test
    void theBatchHoldsEveryServiceFollowedByItsRealServers() {
        var ops = table.batch().operations();
        assertEquals(300 * 6, ops.size());
        assertTrue(ops.get(0) instanceof Operation.AddService);
        assertTrue(ops.get(1) instanceof Operation.AddRealServer);
        assertTrue(ops.get(6) instanceof Operation.AddService);
    }

    @Test
    void everyServiceAndRealServerAddressIsDistinct() {
        Set<Object> seen = new HashSet<>();
        for (int s = 0; s < table.services(); s++) {
            assertTrue(seen.add(table.key(s)));
            for (int r = 0; r < 5; r++) {
                assertTrue(seen.add(table.realServerAddress(s, r)));
            }
        }
        assertEquals("10.0.1.45:80", ScaleTable.endpoint(table.key(300)));
    }

    @Test
    void ipvsadmRulesMatchTheBatchLineForLine() {
        var lines = table.ipvsadmRules().lines().toList();
        assertEquals(table.operations(), lines.size());
        assertEquals("-A -t 10.0.0.1:80 -s wlc", lines.get(0));
        assertEquals("-a -t 10.0.0.1:80 -r 172.16.0.1:8080 -m -w 1", lines.get(1));
        assertEquals("-a -t 10.0.0.2:80 -r 172.16.0.6:8080 -m -w 1", lines.get(7));
    }

    @Test
    void keepalivedConfHasOneBlockPerServiceAndTheFirstWeightAsAsked() {
        String conf = table.keepalivedConf(7);
        assertEquals(300, conf.lines().filter(l -> l.startsWith("virtual_server ")).count());
        assertEquals(1500, conf.lines().filter(l -> l.startsWith("  real_server ")).count());
        assertTrue(conf.contains("virtual_server 10.0.0.1 80 {\n  lb_algo wlc\n  lb_kind NAT\n  protocol TCP\n"
                + "  real_server 172.16.0.1 8080 {\n    weight 7\n  }\n  real_server 172.16.0.2 8080 {\n    weight 1\n"));
    }

    @Test
    void extraLinesGoIntoEveryBlockOfBothConfigurations() {
        String conf = table.keepalivedConf(1, "  delay_loop 10\n", "    TCP_CHECK {\n    }\n");
        assertEquals(300, conf.lines().filter(l -> l.equals("  delay_loop 10")).count());
        assertEquals(1500, conf.lines().filter(l -> l.equals("    TCP_CHECK {")).count());
        assertTrue(conf.contains("  protocol TCP\n  delay_loop 10\n  real_server 172.16.0.1 8080 {\n    weight 1\n"
                + "    TCP_CHECK {\n    }\n  }\n"));
        String lvsCf = table.lvsCf(1, "    check_type = tcp\n");
        assertEquals(300, lvsCf.lines().filter(l -> l.equals("    check_type = tcp")).count());
        assertTrue(lvsCf.contains("    scheduler = wlc\n    check_type = tcp\n    server r0 {\n"));
        assertEquals(table.lvsCf(1), table.lvsCf(1, ""));
    }

    @Test
    void refusesSizesOutsideTheAddressPlan() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ScaleTable(70_000, 1));
        assertTrue(e.getMessage().contains("services"));
    }
}
