package io.jlvs.director;

import static io.jlvs.ipvs.internal.IpvsUapi.IPVS_CMD_DEL_DEST;
import static io.jlvs.ipvs.internal.IpvsUapi.IPVS_CMD_GET_DEST;
import static io.jlvs.ipvs.internal.IpvsUapi.IPVS_CMD_GET_SERVICE;
import static io.jlvs.ipvs.internal.IpvsUapi.IPVS_CMD_NEW_DEST;
import static io.jlvs.ipvs.internal.IpvsUapi.IPVS_CMD_NEW_SERVICE;
import static io.jlvs.ipvs.internal.IpvsUapi.IPVS_CMD_SET_DEST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.config.LvsCf;
import io.jlvs.ipvs.BatchResult;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerAddress;
import io.jlvs.ipvs.ServiceKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reconciling through IpvsClient against an in-memory IPVS table behind the fake netlink kernel. */
class ReconcilerFakeKernelTest {
    static final ServiceKey WEB = ServiceKey.tcp(ReconcilerPlanTest.ip("10.23.8.80"), 80);
    static final RealServerAddress A = new RealServerAddress(ReconcilerPlanTest.ip("10.11.12.1"), 80);

    static DesiredTable desired(int weight) throws Exception {
        return DesiredTable.from(LvsCf.parse("lvs.cf", """
                network = nat
                nat_router = 10.11.12.10 eth1:1
                virtual web {
                     address = 10.23.8.80 eth0:1
                     port = 80
                     server a {
                         address = 10.11.12.1
                         weight = %d
                     }
                     server b {
                         address = 10.11.12.2
                     }
                }
                """.formatted(weight)).configuration());
    }

    @Test
    void theFirstReconcileFillsTheTableAndTheNextOneOnlyReads() throws Exception {
        FakeIpvsTable kernel = new FakeIpvsTable();
        Reconciler reconciler = new Reconciler(kernel.client());

        ReconcileResult first = reconciler.reconcile(desired(1));
        assertTrue(first.allApplied(), first.toString());
        assertEquals(List.of(IPVS_CMD_NEW_SERVICE, IPVS_CMD_NEW_DEST, IPVS_CMD_NEW_DEST), kernel.writes());
        assertEquals(desired(1).service(WEB).orElseThrow().service(), kernel.services.get(WEB));
        assertEquals(2, kernel.servers.get(WEB).size());

        kernel.commands.clear();
        ReconcileResult second = reconciler.reconcile(desired(1));
        assertTrue(second.wasInSync());
        assertEquals(List.of(IPVS_CMD_GET_SERVICE, IPVS_CMD_GET_DEST), kernel.commands,
                "in sync: one dump of the services and one of each service's real servers, no writes");
        assertEquals("in sync", second.toString());
    }

    @Test
    void aWeightChangeIsOneSetDest() throws Exception {
        FakeIpvsTable kernel = new FakeIpvsTable();
        Reconciler reconciler = new Reconciler(kernel.client());
        reconciler.reconcile(desired(1));
        kernel.commands.clear();

        ReconcileResult r = reconciler.reconcile(desired(4));
        assertEquals(List.of(IPVS_CMD_SET_DEST), kernel.writes());
        assertEquals(4, kernel.servers.get(WEB).get(A).weight());
        assertEquals(List.of(), r.drift());
        assertEquals("1 changes, 1 applied", r.toString());
    }

    @Test
    void aChangeBehindTheDirectorsBackIsRepairedAndReportedAsDrift() throws Exception {
        FakeIpvsTable kernel = new FakeIpvsTable();
        Reconciler reconciler = new Reconciler(kernel.client());
        reconciler.reconcile(desired(1));
        kernel.servers.get(WEB).put(A, kernel.servers.get(WEB).get(A).withWeight(9));
        RealServer stray = RealServer.builder(ReconcilerPlanTest.ip("10.11.12.99"), 80).masquerade().build();
        kernel.servers.get(WEB).put(stray.key(), stray);
        kernel.commands.clear();

        ReconcileResult r = reconciler.reconcile(desired(1));
        assertEquals(List.of(IPVS_CMD_DEL_DEST, IPVS_CMD_SET_DEST), kernel.writes());
        assertEquals(r.plan().steps(), r.drift());
        assertEquals(1, kernel.servers.get(WEB).get(A).weight());
        assertFalse(kernel.servers.get(WEB).containsKey(stray.key()));
    }

    @Test
    void onlyStepsWhoseIntentDidNotChangeAreDrift() throws Exception {
        FakeIpvsTable kernel = new FakeIpvsTable();
        Reconciler reconciler = new Reconciler(kernel.client());
        reconciler.reconcile(desired(1));
        kernel.services.remove(WEB); // someone ran ipvsadm -D
        kernel.servers.remove(WEB);

        ReconcileResult r = reconciler.reconcile(desired(4)); // and the operator changed a's weight meanwhile
        assertTrue(r.allApplied(), r.toString());
        assertEquals(List.of(
                "+ service TCP 10.23.8.80:80 wlc",
                "+ real server TCP 10.23.8.80:80 -> 10.11.12.1:80 Masq weight 4",
                "+ real server TCP 10.23.8.80:80 -> 10.11.12.2:80 Masq weight 1"), r.plan().lines());
        assertEquals(List.of(r.plan().steps().get(0), r.plan().steps().get(2)), r.drift(),
                "a's new weight is the director's own change; the service and b were lost behind its back");
        assertEquals(4, kernel.servers.get(WEB).get(A).weight());
    }

    @Test
    void aRefusedStepIsReportedAndRetriedByTheNextReconcile() throws Exception {
        FakeIpvsTable kernel = new FakeIpvsTable();
        Reconciler reconciler = new Reconciler(kernel.client());
        kernel.refuse = IPVS_CMD_NEW_DEST;

        ReconcileResult failed = reconciler.reconcile(desired(1));
        assertFalse(failed.allApplied());
        assertEquals(2, failed.result().orElseThrow().count(BatchResult.Status.FAILED));
        assertTrue(failed.toString().startsWith("3 changes, 1 applied, 2 not applied, first failure: add real server"), failed.toString());
        assertTrue(reconciler.lastApplied().isEmpty(), "a table not applied completely is not the last applied");

        kernel.refuse = -1;
        ReconcileResult retry = reconciler.reconcile(desired(1));
        assertTrue(retry.allApplied(), retry.toString());
        assertEquals(2, retry.plan().size(), "only the two real servers");
        assertEquals(desired(1), reconciler.lastApplied().orElseThrow());
    }
}
