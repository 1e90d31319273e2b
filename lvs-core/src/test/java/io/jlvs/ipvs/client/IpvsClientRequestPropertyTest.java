package io.jlvs.ipvs.client;

import static io.jlvs.ipvs.client.IpvsClientFakeKernelTest.FAMILY_ID;
import static io.jlvs.ipvs.client.IpvsClientFakeKernelTest.single;
import static io.jlvs.ipvs.internal.IpvsUapi.IPVS_CMD_NEW_DEST;
import static io.jlvs.ipvs.internal.IpvsUapi.IPVS_CMD_NEW_SERVICE;
import static io.jlvs.ipvs.internal.IpvsUapi.IPVS_CMD_SET_SERVICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.ipvs.AlreadyExistsException;
import io.jlvs.ipvs.IpvsArbitraries;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.ServiceEntry;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.Stats;
import io.jlvs.ipvs.VirtualService;
import io.jlvs.ipvs.client.IpvsClientFakeKernelTest.Ipvs;
import io.jlvs.ipvs.internal.IpvsCodec;
import io.jlvs.netlink.FakeKernel;
import io.jlvs.netlink.Message;
import io.jlvs.sys.Errno;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/** For any service and real server, what IpvsClient sends decodes back to what it was given. */
class IpvsClientRequestPropertyTest {

    @Property(tries = 200)
    void addServiceSendsTheWholeService(@ForAll("virtualServices") VirtualService service) {
        FakeKernel kernel = Ipvs.kernel(FAMILY_ID, (reply, m) -> reply.ack(m));

        Ipvs.client(kernel).addService(service);

        Message m = single(kernel.lastDatagram());
        assertEquals(FAMILY_ID, m.type());
        assertEquals(IPVS_CMD_NEW_SERVICE, m.genlCommand());
        assertEquals(service, IpvsCodec.readServiceEntry(m.genlAttributes()).service());
    }

    @Property(tries = 200)
    void editServiceSendsTheWholeService(@ForAll("virtualServices") VirtualService service) {
        FakeKernel kernel = Ipvs.kernel(FAMILY_ID, (reply, m) -> reply.ack(m));

        Ipvs.client(kernel).editService(service);

        Message m = single(kernel.lastDatagram());
        assertEquals(IPVS_CMD_SET_SERVICE, m.genlCommand());
        assertEquals(service, IpvsCodec.readServiceEntry(m.genlAttributes()).service());
    }

    @Property(tries = 200)
    void addRealServerSendsTheServiceKeyAndTheWholeRealServer(
            @ForAll("realServersWithTheirService") Tuple2<ServiceKey, RealServer> t) {
        FakeKernel kernel = Ipvs.kernel(FAMILY_ID, (reply, m) -> reply.ack(m));

        Ipvs.client(kernel).addRealServer(t.get1(), t.get2());

        Message m = single(kernel.lastDatagram());
        assertEquals(IPVS_CMD_NEW_DEST, m.genlCommand());
        assertEquals(t.get1(), Ipvs.serviceKeyOf(m));
        assertEquals(t.get2(), IpvsCodec.readRealServerEntry(m.genlAttributes(), t.get1().family()).server());
    }

    @Property(tries = 200)
    void servicesListsWhatTheKernelDumps(@ForAll("tables") List<ServiceEntry> table) {
        FakeKernel kernel = Ipvs.kernel(FAMILY_ID, (reply, m) -> Ipvs.serviceRows(reply, m, table).done(m));

        assertEquals(table, Ipvs.client(kernel).services());
    }

    @Property(tries = 100)
    void eexistOnAddNamesTheService(@ForAll("virtualServices") VirtualService service) {
        FakeKernel kernel = Ipvs.kernel(FAMILY_ID, (reply, m) -> reply.error(m, Errno.EEXIST));

        AlreadyExistsException e = assertThrows(AlreadyExistsException.class, () -> Ipvs.client(kernel).addService(service));
        assertTrue(e.getMessage().contains(service.key().toString()), e.getMessage());
    }

    @Provide
    Arbitrary<VirtualService> virtualServices() {
        return IpvsArbitraries.virtualServices();
    }

    @Provide
    Arbitrary<Tuple2<ServiceKey, RealServer>> realServersWithTheirService() {
        return IpvsArbitraries.serviceKeys()
                .flatMap(key -> IpvsArbitraries.realServers(key.family()).map(r -> Tuple.of(key, r)));
    }

    @Provide
    Arbitrary<List<ServiceEntry>> tables() {
        return IpvsArbitraries.serviceEntries().list().ofMaxSize(40);
    }
}
