package io.jlvs.ipvs.client;

import static io.jlvs.ipvs.internal.IpvsUapi.*;
import static io.jlvs.netlink.NetlinkConstants.CTRL_ATTR_FAMILY_ID;
import static io.jlvs.netlink.NetlinkConstants.CTRL_ATTR_FAMILY_NAME;
import static io.jlvs.netlink.NetlinkConstants.CTRL_ATTR_HDRSIZE;
import static io.jlvs.netlink.NetlinkConstants.CTRL_ATTR_MAXATTR;
import static io.jlvs.netlink.NetlinkConstants.CTRL_ATTR_VERSION;
import static io.jlvs.netlink.NetlinkConstants.CTRL_CMD_GETFAMILY;
import static io.jlvs.netlink.NetlinkConstants.GENL_ID_CTRL;
import static io.jlvs.netlink.NetlinkConstants.NLM_F_ACK;
import static io.jlvs.netlink.NetlinkConstants.NLM_F_DUMP;
import static io.jlvs.netlink.NetlinkConstants.NLM_F_REQUEST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.ipvs.AddressFamily;
import io.jlvs.ipvs.AlreadyExistsException;
import io.jlvs.ipvs.Batch;
import io.jlvs.ipvs.BatchResult;
import io.jlvs.ipvs.IpvsClient;
import io.jlvs.ipvs.IpvsException;
import io.jlvs.ipvs.IpvsInfo;
import io.jlvs.ipvs.IpvsNotAvailableException;
import io.jlvs.ipvs.NoSuchRealServerException;
import io.jlvs.ipvs.NoSuchServiceException;
import io.jlvs.ipvs.NotPermittedException;
import io.jlvs.ipvs.Operation;
import io.jlvs.ipvs.Protocol;
import io.jlvs.ipvs.ProtocolException;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.RealServerAddress;
import io.jlvs.ipvs.RealServerEntry;
import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.SchedulerNotAvailableException;
import io.jlvs.ipvs.ServiceEntry;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.Stats;
import io.jlvs.ipvs.TunnelOptions;
import io.jlvs.ipvs.VirtualService;
import io.jlvs.ipvs.internal.IpvsCodec;
import io.jlvs.netlink.Attributes;
import io.jlvs.netlink.FakeKernel;
import io.jlvs.netlink.FakeKernel.Behaviour;
import io.jlvs.netlink.FakeKernel.Reply;
import io.jlvs.netlink.Message;
import io.jlvs.netlink.MessageWriter;
import io.jlvs.netlink.NetworkNamespace;
import io.jlvs.sys.Errno;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * IpvsClient against a fake kernel: what it sends for each call, and what it makes of the answers.
 * The fake answers through the production MessageWriter and IpvsCodec's writers of kernel replies
 * (laid out as ip_vs_genl_fill_* lays them out).
 */
class IpvsClientFakeKernelTest {
    static final int FAMILY_ID = 0x23;
    static final ServiceKey WEB = ServiceKey.tcp(ip("10.0.0.1"), 80);
    static final VirtualService WEB_SERVICE = VirtualService.builder(WEB).scheduler(Scheduler.WLC).build();
    static final RealServer WEB_1 = RealServer.builder(ip("192.168.1.2"), 80).masquerade().weight(3).build();

    // ---- family resolution ---------------------------------------------------------------------------

    @Nested
    class FamilyResolution {
        @Test
        void theFirstThingTheClientDoesIsAskTheControllerForTheIpvsFamily() {
            FakeKernel kernel = Ipvs.kernel(FAMILY_ID, (reply, m) -> reply.ack(m));
            Ipvs.client(kernel);

            assertEquals(1, kernel.datagramsReceived());
            Message lookup = kernel.received().get(0).get(0);
            assertEquals(GENL_ID_CTRL, lookup.type());
            assertEquals(CTRL_CMD_GETFAMILY, lookup.genlCommand());
            assertEquals("IPVS", lookup.genlAttributes().string(CTRL_ATTR_FAMILY_NAME));
        }

        @ParameterizedTest
        @ValueSource(ints = {0x23, 0x1d, 0x3a7})
        void ipvsRequestsCarryTheFamilyIdTheControllerGave(int familyId) {
            FakeKernel kernel = Ipvs.kernel(familyId, (reply, m) -> reply.ack(m));
            IpvsClient ipvs = Ipvs.client(kernel);

            ipvs.addService(WEB_SERVICE);

            assertEquals(familyId, kernel.lastDatagram().get(0).type());
        }

        @Test
        void noIpvsFamilyMeansIpvsIsNotAvailableAndSaysToLoadTheModule() {
            FakeKernel kernel = new FakeKernel(FakeKernel.eachRequest((reply, m) -> reply.error(m, Errno.ENOENT)));

            IpvsNotAvailableException e = assertThrows(IpvsNotAvailableException.class, () -> Ipvs.client(kernel));
            assertTrue(e.getMessage().contains("modprobe ip_vs"), e.getMessage());
        }

        @Test
        void aGarbledControllerReplyIsAProtocolException() {
            FakeKernel kernel = new FakeKernel(FakeKernel.eachRequest((reply, m) ->
                    reply.data(m, GENL_ID_CTRL, w -> w.genlHeader(1, 2).putString(CTRL_ATTR_FAMILY_NAME, "IPVS")).ack(m)));

            assertThrows(ProtocolException.class, () -> Ipvs.client(kernel)); // no CTRL_ATTR_FAMILY_ID
        }
    }

    // ---- services --------------------------------------------------------------------------------------

    @Nested
    class Services {
        @Test
        void addServiceSendsNewServiceWithTheWholeServiceAndAsksForAnAck() {
            FakeKernel kernel = Ipvs.kernel(FAMILY_ID, (reply, m) -> reply.ack(m));
            VirtualService s = VirtualService.builder(WEB).scheduler(Scheduler.SH).persistent(Duration.ofSeconds(600), 24).build();

            Ipvs.client(kernel).addService(s);

            Message m = single(kernel.lastDatagram());
            assertEquals(IPVS_CMD_NEW_SERVICE, m.genlCommand());
            assertEquals(IPVS_GENL_VERSION, Byte.toUnsignedInt(m.buffer().get(m.payloadOffset() + 1)), "genlmsghdr.version");
            assertEquals(NLM_F_REQUEST | NLM_F_ACK, m.flags() & (NLM_F_REQUEST | NLM_F_ACK));
            Attributes svc = m.genlAttributes().nested(IPVS_CMD_ATTR_SERVICE);
            for (int type : new int[] {IPVS_SVC_ATTR_AF, IPVS_SVC_ATTR_PROTOCOL, IPVS_SVC_ATTR_ADDR, IPVS_SVC_ATTR_PORT,
                    IPVS_SVC_ATTR_SCHED_NAME, IPVS_SVC_ATTR_FLAGS, IPVS_SVC_ATTR_TIMEOUT, IPVS_SVC_ATTR_NETMASK}) {
                assertTrue(svc.has(type), "IPVS_SVC_ATTR " + type);
            }
            assertEquals(s, IpvsCodec.readServiceEntry(m.genlAttributes()).service());
        }

        @Test
        void deleteServiceSendsDelServiceWithTheKeyOnly() {
            FakeKernel kernel = Ipvs.kernel(FAMILY_ID, (reply, m) -> reply.ack(m));

            Ipvs.client(kernel).deleteService(WEB);

            Message m = single(kernel.lastDatagram());
            assertEquals(IPVS_CMD_DEL_SERVICE, m.genlCommand());
            Attributes svc = m.genlAttributes().nested(IPVS_CMD_ATTR_SERVICE);
            assertEquals(4, svc.size(), "AF, PROTOCOL, ADDR, PORT");
            assertFalse(svc.has(IPVS_SVC_ATTR_SCHED_NAME));
        }

        @Test
        void servicesDumpsTheTableAndDecodesEveryDatagramInOrder() {
            List<ServiceEntry> table = IntStream.rangeClosed(1, 7)
                    .mapToObj(i -> new ServiceEntry(
                            VirtualService.builder(ServiceKey.tcp(ip("10.0.0." + i), 80 + i)).scheduler(Scheduler.RR).build(),
                            new Stats(i, i * 10L, 0, i * 1000L, 0, 0, 0, 0, 0, 0)))
                    .toList();
            // As netlink_dump does: several datagrams of NLM_F_MULTI parts, NLMSG_DONE in the last.
            FakeKernel kernel = Ipvs.kernelAnswering(FAMILY_ID, requests -> {
                Message m = single(requests);
                return List.of(
                        Ipvs.serviceRows(FakeKernel.reply(), m, table.subList(0, 3)).bytes(),
                        Ipvs.serviceRows(FakeKernel.reply(), m, table.subList(3, 6)).bytes(),
                        Ipvs.serviceRows(FakeKernel.reply(), m, table.subList(6, 7)).done(m).bytes());
            });

            List<ServiceEntry> listed = Ipvs.client(kernel).services();

            assertEquals(table, listed);
            Message request = single(kernel.lastDatagram());
            assertEquals(IPVS_CMD_GET_SERVICE, request.genlCommand());
            assertEquals(NLM_F_DUMP, request.flags() & NLM_F_DUMP);
            assertEquals(0, request.genlAttributes().size(), "a dump of all services names none");
        }

        @Test
        void anEmptyTableListsNoServices() {
            FakeKernel kernel = Ipvs.kernel(FAMILY_ID, (reply, m) -> reply.done(m));

            assertEquals(List.of(), Ipvs.client(kernel).services());
        }

        @Test
        void serviceOfAnExistingKeyIsTheKernelsEntry() {
            ServiceEntry entry = new ServiceEntry(WEB_SERVICE, new Stats(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
            FakeKernel kernel = Ipvs.kernel(FAMILY_ID, (reply, m) -> Ipvs.serviceRow(reply, m, entry, false).ack(m));

            assertEquals(Optional.of(entry), Ipvs.client(kernel).service(WEB));

            Message request = single(kernel.lastDatagram());
            assertEquals(IPVS_CMD_GET_SERVICE, request.genlCommand());
            assertEquals(0, request.flags() & NLM_F_DUMP, "one service is a doit, not a dump");
            assertEquals(WEB, Ipvs.serviceKeyOf(request));
        }

        @Test
        void serviceOfAMissingKeyIsEmpty() {
            // ip_vs_genl_get_cmd answers ESRCH when there is no such service.
            FakeKernel kernel = Ipvs.kernel(FAMILY_ID, (reply, m) -> reply.error(m, Errno.ESRCH));

            assertEquals(Optional.empty(), Ipvs.client(kernel).service(WEB));
        }

        @Test
        void realServersAreDumpedForTheServiceAndDecodedWithItsFamily() {
            RealServerEntry one = new RealServerEntry(WEB_1, 5, 6, 7, Stats.ZERO);
            RealServerEntry other = new RealServerEntry(
                    RealServer.builder(ip("2001:db8::2"), 80).tunnel(TunnelOptions.IPIP).build(), 0, 1, 0, Stats.ZERO);
            FakeKernel kernel = Ipvs.kernel(FAMILY_ID, (reply, m) -> {
                Ipvs.realServerRow(reply, m, one);
                Ipvs.realServerRow(reply, m, other);
                reply.done(m);
            });

            assertEquals(List.of(one, other), Ipvs.client(kernel).realServers(WEB));
            Message request = single(kernel.lastDatagram());
            assertEquals(IPVS_CMD_GET_DEST, request.genlCommand());
            assertEquals(WEB, Ipvs.serviceKeyOf(request));
        }

        @Test
        void infoIsDecodedFromTheGetInfoReply() {
            FakeKernel kernel = Ipvs.kernel(FAMILY_ID, (reply, m) -> reply.data(m, FAMILY_ID, w -> {
                w.genlHeader(IPVS_CMD_SET_INFO, IPVS_GENL_VERSION);
                IpvsCodec.writeInfo(w, new IpvsInfo(IP_VS_VERSION_CODE, 4096));
            }).ack(m));

            assertEquals(new IpvsInfo(IP_VS_VERSION_CODE, 4096), Ipvs.client(kernel).info());
        }
    }

    // ---- errors ----------------------------------------------------------------------------------------

    @Nested
    class Errors {
        @Test
        void eexistOnAddServiceIsAlreadyExistsNamingTheService() {
            FakeKernel kernel = Ipvs.kernel(FAMILY_ID, (reply, m) -> reply.error(m, Errno.EEXIST));

            AlreadyExistsException e = assertThrows(AlreadyExistsException.class, () -> Ipvs.client(kernel).addService(WEB_SERVICE));
            assertTrue(e.getMessage().contains("TCP 10.0.0.1:80"), e.getMessage());
            assertEquals("add service TCP 10.0.0.1:80", e.operation());
            assertEquals(Errno.EEXIST, e.errno());
        }

        @Test
        void esrchOnDeleteServiceIsNoSuchService() {
            FakeKernel kernel = Ipvs.kernel(FAMILY_ID, (reply, m) -> reply.error(m, Errno.ESRCH));

            NoSuchServiceException e = assertThrows(NoSuchServiceException.class, () -> Ipvs.client(kernel).deleteService(WEB));
            assertTrue(e.getMessage().contains("TCP 10.0.0.1:80"), e.getMessage());
        }

        @Test
        void esrchOnAddRealServerIsNoSuchService() {
            FakeKernel kernel = Ipvs.kernel(FAMILY_ID, (reply, m) -> reply.error(m, Errno.ESRCH));

            assertThrows(NoSuchServiceException.class, () -> Ipvs.client(kernel).addRealServer(WEB, WEB_1));
        }

        @Test
        void enoentOnAddServiceWithAnUnknownSchedulerIsSchedulerNotAvailableNamingTheModule() {
            FakeKernel kernel = Ipvs.kernel(FAMILY_ID, (reply, m) -> reply.error(m, Errno.ENOENT));
            VirtualService s = VirtualService.builder(WEB).scheduler("nosuch").build();

            SchedulerNotAvailableException e = assertThrows(SchedulerNotAvailableException.class,
                    () -> Ipvs.client(kernel).addService(s));
            assertTrue(e.getMessage().contains("ip_vs_nosuch"), e.getMessage());
            assertEquals(Scheduler.of("nosuch"), e.scheduler());
        }

        @Test
        void enoentOnDeleteRealServerIsNoSuchRealServer() {
            FakeKernel kernel = Ipvs.kernel(FAMILY_ID, (reply, m) -> reply.error(m, Errno.ENOENT));

            assertThrows(NoSuchRealServerException.class,
                    () -> Ipvs.client(kernel).deleteRealServer(WEB, WEB_1.key()));
        }

        @Test
        void epermOnAChangeIsNotPermitted() {
            FakeKernel kernel = Ipvs.kernel(FAMILY_ID, (reply, m) -> reply.error(m, Errno.EPERM));

            assertThrows(NotPermittedException.class, () -> Ipvs.client(kernel).addService(WEB_SERVICE));
        }

        @Test
        void epermOnADumpIsNotPermitted() {
            // IPVS commands are GENL_ADMIN_PERM, reads included: the dump is refused before it starts.
            FakeKernel kernel = Ipvs.kernel(FAMILY_ID, (reply, m) -> reply.error(m, Errno.EPERM));

            assertThrows(NotPermittedException.class, () -> Ipvs.client(kernel).services());
        }

        @Test
        void theKernelsExtendedAckTextIsKept() {
            FakeKernel kernel = Ipvs.kernel(FAMILY_ID, (reply, m) -> reply.error(m, Errno.EINVAL, "bad weight", -1));

            IpvsException e = assertThrows(IpvsException.class, () -> Ipvs.client(kernel).editRealServer(WEB, WEB_1));
            assertEquals(Optional.of("bad weight"), e.kernelMessage());
            assertTrue(e.getMessage().contains("bad weight"), e.getMessage());
        }

        @Test
        void aDatagramThatIsNotNetlinkIsAProtocolException() {
            FakeKernel kernel = Ipvs.kernelAnswering(FAMILY_ID, requests -> List.of(new byte[] {1, 2, 3, 4, 5, 6, 7}));

            ProtocolException e = assertThrows(ProtocolException.class, () -> Ipvs.client(kernel).addService(WEB_SERVICE));
            assertEquals("add service TCP 10.0.0.1:80", e.operation());
        }

        @Test
        void aServiceRowMissingRequiredAttributesIsAProtocolException() {
            FakeKernel kernel = Ipvs.kernel(FAMILY_ID, (reply, m) -> reply.multi(m, FAMILY_ID, w -> {
                w.genlHeader(IPVS_CMD_NEW_SERVICE, IPVS_GENL_VERSION);
                int svc = w.beginNested(IPVS_CMD_ATTR_SERVICE);
                w.putU16(IPVS_SVC_ATTR_AF, AddressFamily.INET.number());
                w.endNested(svc);
            }).done(m));

            assertThrows(ProtocolException.class, () -> Ipvs.client(kernel).services());
        }

        @Test
        void aRealServerRowWithAValueTheModelCannotHoldIsAProtocolException() {
            // A tunnel type from a newer kernel: not an IllegalArgumentException escaping the client.
            FakeKernel kernel = Ipvs.kernel(FAMILY_ID, (reply, m) -> reply.multi(m, FAMILY_ID, w -> {
                w.genlHeader(IPVS_CMD_NEW_DEST, IPVS_GENL_VERSION);
                int d = w.beginNested(IPVS_CMD_ATTR_DEST);
                w.putBytes(IPVS_DEST_ATTR_ADDR, new byte[] {10, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
                w.putBe16(IPVS_DEST_ATTR_PORT, 80);
                w.putU32(IPVS_DEST_ATTR_FWD_METHOD, IP_VS_CONN_F_TUNNEL);
                w.putU32(IPVS_DEST_ATTR_WEIGHT, 1);
                w.putU32(IPVS_DEST_ATTR_U_THRESH, 0);
                w.putU32(IPVS_DEST_ATTR_L_THRESH, 0);
                w.putU16(IPVS_DEST_ATTR_ADDR_FAMILY, AddressFamily.INET.number());
                w.putU8(IPVS_DEST_ATTR_TUN_TYPE, 3);
                w.endNested(d);
            }).done(m));

            ProtocolException e = assertThrows(ProtocolException.class, () -> Ipvs.client(kernel).realServers(WEB));
            assertEquals("list real servers of TCP 10.0.0.1:80", e.operation());
        }

        @Test
        void anInfoReplyWithAnImpossibleVersionIsAProtocolException() {
            FakeKernel kernel = Ipvs.kernel(FAMILY_ID, (reply, m) -> reply.data(m, FAMILY_ID, w -> w
                    .genlHeader(IPVS_CMD_SET_INFO, IPVS_GENL_VERSION)
                    .putU32(IPVS_INFO_ATTR_VERSION, 0x0100_0000)
                    .putU32(IPVS_INFO_ATTR_CONN_TAB_SIZE, 4096)).ack(m));

            assertThrows(ProtocolException.class, () -> Ipvs.client(kernel).info());
        }
    }

    // ---- batches ---------------------------------------------------------------------------------------

    @Nested
    class Batches {
        private static final int FAILING = 500;

        @Test
        void ofAThousandOperationsOnlyTheFailingOneIsFailedWithItsTypedErrorAndAllOthersApplied() {
            List<Operation> ops = thousandRealServerAdds();
            int[] seen = {0};
            FakeKernel kernel = Ipvs.kernel(FAMILY_ID, (reply, m) -> {
                if (seen[0]++ == FAILING) {
                    reply.error(m, Errno.EEXIST);
                } else {
                    reply.ack(m);
                }
            });

            BatchResult result = Ipvs.client(kernel).apply(Batch.of(ops));

            assertEquals(ops.size(), result.results().size());
            for (int i = 0; i < ops.size(); i++) {
                BatchResult.OperationResult r = result.results().get(i);
                assertEquals(ops.get(i), r.operation(), "results in the batch's order");
                if (i == FAILING) {
                    assertEquals(BatchResult.Status.FAILED, r.status());
                    AlreadyExistsException e = assertInstanceOf(AlreadyExistsException.class, r.error().orElseThrow());
                    assertTrue(e.getMessage().contains("10.1.1.244:80"), e.getMessage());
                } else {
                    assertEquals(BatchResult.Status.APPLIED, r.status(), "operation " + i);
                    assertEquals(Optional.empty(), r.error());
                }
            }
            assertEquals(1, result.count(BatchResult.Status.FAILED));
        }

        @Test
        void aThousandOperationsAreSentInOrderPackedIntoFewerDatagrams() {
            List<Operation> ops = thousandRealServerAdds();
            FakeKernel kernel = Ipvs.kernel(FAMILY_ID, (reply, m) -> reply.ack(m));

            Ipvs.client(kernel).apply(Batch.of(ops));

            List<Message> sent = Ipvs.ipvsMessages(kernel);
            assertEquals(ops.size(), sent.size());
            for (int i = 0; i < ops.size(); i++) {
                assertEquals(IPVS_CMD_NEW_DEST, sent.get(i).genlCommand());
                assertEquals(((Operation.AddRealServer) ops.get(i)).server(),
                        IpvsCodec.readRealServerEntry(sent.get(i).genlAttributes(), AddressFamily.INET).server(), "op " + i);
            }
            int datagrams = kernel.datagramsReceived() - 1;
            assertTrue(datagrams > 1 && datagrams < 10, datagrams + " datagrams");
        }

        @Test
        void stoppingAtAFailureLeavesLaterDatagramsUnsent() {
            List<Operation> ops = thousandRealServerAdds();
            int failing = 10;
            int[] seen = {0};
            FakeKernel kernel = Ipvs.kernel(FAMILY_ID, (reply, m) -> {
                if (seen[0]++ == failing) {
                    reply.error(m, Errno.EEXIST);
                } else {
                    reply.ack(m);
                }
            });

            BatchResult result = Ipvs.client(kernel).apply(Batch.of(ops), true, null);

            assertEquals(2, kernel.datagramsReceived(), "the family lookup and the first datagram only");
            int firstDatagram = kernel.received().get(1).size();
            assertTrue(firstDatagram < ops.size(), "the batch needs more than one datagram");
            for (int i = 0; i < ops.size(); i++) {
                BatchResult.Status expected = i == failing ? BatchResult.Status.FAILED
                        : i < firstDatagram ? BatchResult.Status.APPLIED : BatchResult.Status.NOT_SENT;
                assertEquals(expected, result.results().get(i).status(), "operation " + i);
            }
        }

        @Test
        void progressIsToldAfterEachDatagram() {
            FakeKernel kernel = Ipvs.kernel(FAMILY_ID, (reply, m) -> reply.ack(m));
            List<Integer> progress = new ArrayList<>();

            Ipvs.client(kernel).apply(Batch.of(thousandRealServerAdds()), false, progress::add);

            assertEquals(kernel.datagramsReceived() - 1, progress.size());
            assertEquals(1000, progress.get(progress.size() - 1));
        }

        @Test
        void eachKindOfOperationIsSentWithItsCommand() {
            FakeKernel kernel = Ipvs.kernel(FAMILY_ID, (reply, m) -> reply.ack(m));
            Batch batch = Batch.builder().addService(WEB_SERVICE).editService(WEB_SERVICE).addRealServer(WEB, WEB_1)
                    .editRealServer(WEB, WEB_1).deleteRealServer(WEB, WEB_1.key()).deleteService(WEB).build();

            assertTrue(Ipvs.client(kernel).apply(batch).allApplied());

            assertEquals(List.of(IPVS_CMD_NEW_SERVICE, IPVS_CMD_SET_SERVICE, IPVS_CMD_NEW_DEST, IPVS_CMD_SET_DEST,
                            IPVS_CMD_DEL_DEST, IPVS_CMD_DEL_SERVICE),
                    Ipvs.ipvsMessages(kernel).stream().map(Message::genlCommand).toList());
            Ipvs.ipvsMessages(kernel).forEach(m -> assertEquals(WEB, Ipvs.serviceKeyOf(m)));
        }

        /** 1000 real servers 10.1.x.y:80 added to WEB; operation i adds 10.1.(i / 256).(i % 256). */
        private List<Operation> thousandRealServerAdds() {
            List<Operation> ops = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                RealServer r = RealServer.builder(ip("10.1." + (i / 256) + "." + (i % 256)), 80).weight(1 + i).build();
                ops.add(new Operation.AddRealServer(WEB, r));
            }
            return ops;
        }
    }

    // ---- a kernel that does not answer ------------------------------------------------------------------

    @Nested
    class Silence {
        @Test
        void aRequestTheKernelNeverAnswersIsATimeoutNamingItNotTheKernelsEagain() {
            // The fake's receive "times out" at once, as SO_RCVTIMEO running out does after 30 s.
            FakeKernel kernel = Ipvs.kernelAnswering(FAMILY_ID, requests -> List.of());
            IpvsClient client = Ipvs.client(kernel);

            io.jlvs.ipvs.KernelException e = assertThrows(io.jlvs.ipvs.KernelException.class,
                    () -> client.stopSyncDaemon(io.jlvs.ipvs.SyncDaemon.State.BACKUP));

            assertEquals(Errno.ETIMEDOUT, e.errno());
            assertTrue(e.getMessage().startsWith("stop backup sync daemon: "), e.getMessage());
            assertTrue(e.getMessage().contains("the kernel did not answer in time"), e.getMessage());
        }
    }

    /**
     * Linux 6.1 sends no answer to IPVS_CMD_DEL_DAEMON when the daemon's thread had not run yet
     * (kthread_stop's -EINTR, which netlink_rcv_skb takes for "no acknowledgement"): the kernel's list of
     * daemons, asked for right behind the stop, decides.
     */
    @Nested
    class UnansweredStop {
        /** Answers DEL_DAEMON as {@code stop} says and the GET_DAEMON dump behind it with {@code listed}. */
        private IpvsClient client(BiConsumer<Reply, Message> stop, List<io.jlvs.ipvs.SyncDaemon> listed) {
            return Ipvs.client(Ipvs.kernel(FAMILY_ID, (reply, m) -> {
                if (m.genlCommand() == IPVS_CMD_DEL_DAEMON) {
                    stop.accept(reply, m);
                    return;
                }
                assertEquals(IPVS_CMD_GET_DAEMON, m.genlCommand());
                assertEquals(NLM_F_DUMP, m.flags() & NLM_F_DUMP, "the daemons are dumped");
                listed.forEach(d -> reply.multi(m, m.type(), w -> {
                    w.genlHeader(IPVS_CMD_NEW_DAEMON, IPVS_GENL_VERSION);
                    IpvsCodec.writeDaemon(w, d);
                }));
                reply.done(m);
            }));
        }

        @Test
        void aStopTheKernelLeavesUnansweredSucceedsWhenTheDaemonIsGone() {
            IpvsClient client = client((reply, m) -> { }, List.of(io.jlvs.ipvs.SyncDaemon.master("eth1", 7)));

            client.stopSyncDaemon(io.jlvs.ipvs.SyncDaemon.State.BACKUP);   // returns at once, no timeout
        }

        @Test
        void aStopTheKernelLeavesUnansweredFailsWhenTheDaemonStillRuns() {
            IpvsClient client = client((reply, m) -> { }, List.of(io.jlvs.ipvs.SyncDaemon.backup("eth1", 7)));

            io.jlvs.ipvs.KernelException e = assertThrows(io.jlvs.ipvs.KernelException.class,
                    () -> client.stopSyncDaemon(io.jlvs.ipvs.SyncDaemon.State.BACKUP));

            assertEquals(Errno.EINTR, e.errno());
            assertTrue(e.getMessage().startsWith("stop backup sync daemon: "), e.getMessage());
            assertTrue(e.getMessage().contains("still lists the daemon"), e.getMessage());
        }

        @Test
        void theKernelsRefusalOfTheStopIsReportedAsBefore() {
            IpvsClient client = client((reply, m) -> reply.error(m, Errno.ESRCH), List.of());

            IpvsException e = assertThrows(IpvsException.class, () -> client.stopSyncDaemon(io.jlvs.ipvs.SyncDaemon.State.MASTER));

            assertEquals(Errno.ESRCH, e.errno(), e.getMessage());
        }
    }

    // ---- the fake IPVS kernel --------------------------------------------------------------------------

    /**
     * A fake kernel with an "IPVS" generic-netlink family. The controller answers CTRL_CMD_GETFAMILY
     * for "IPVS" with the family id given (ENOENT for any other name), as genl_ctrl does; a message
     * of any type but that id is refused with ENOENT, as genl_rcv_msg refuses an unknown family.
     */
    static final class Ipvs {
        /** CTRL_CMD_NEWFAMILY: the command of the controller's answer (include/uapi/linux/genetlink.h). */
        static final int CTRL_CMD_NEWFAMILY = 1;

        private Ipvs() {}

        /** Every IPVS request of a datagram answered in one reply datagram, each as {@code perRequest} says. */
        static FakeKernel kernel(int familyId, BiConsumer<Reply, Message> perRequest) {
            return kernelAnswering(familyId, FakeKernel.eachRequest(perRequest));
        }

        /** IPVS datagrams answered by {@code ipvs}, for replies over several datagrams. */
        static FakeKernel kernelAnswering(int familyId, Behaviour ipvs) {
            return new FakeKernel(requests -> {
                int type = requests.get(0).type();
                if (type == GENL_ID_CTRL) {
                    return controller(familyId).answer(requests);
                }
                if (type != familyId) {
                    return FakeKernel.eachRequest((reply, m) -> reply.error(m, Errno.ENOENT)).answer(requests);
                }
                return ipvs.answer(requests);
            });
        }

        static Behaviour controller(int familyId) {
            return FakeKernel.eachRequest((reply, m) -> {
                Attributes a = m.genlAttributes();
                if (m.genlCommand() != CTRL_CMD_GETFAMILY || !a.has(CTRL_ATTR_FAMILY_NAME)
                        || !a.string(CTRL_ATTR_FAMILY_NAME).equals(IPVS_GENL_NAME)) {
                    reply.error(m, Errno.ENOENT);
                    return;
                }
                reply.data(m, GENL_ID_CTRL, w -> w.genlHeader(CTRL_CMD_NEWFAMILY, 2)
                        .putString(CTRL_ATTR_FAMILY_NAME, IPVS_GENL_NAME)
                        .putU16(CTRL_ATTR_FAMILY_ID, familyId)
                        .putU32(CTRL_ATTR_VERSION, IPVS_GENL_VERSION)
                        .putU32(CTRL_ATTR_HDRSIZE, 0)
                        .putU32(CTRL_ATTR_MAXATTR, IPVS_CMD_ATTR_MAX)).ack(m);
            });
        }

        static IpvsClient client(FakeKernel kernel) {
            return IpvsClient.over(kernel, NetworkNamespace.current());
        }

        /** The IPVS messages sent so far, after the family lookup. */
        static List<Message> ipvsMessages(FakeKernel kernel) {
            return kernel.messagesReceived().stream().filter(m -> m.type() != GENL_ID_CTRL).toList();
        }

        /** The service key a request names, read independently of IpvsCodec (ip_vs.h: AF u16, ...). */
        static ServiceKey serviceKeyOf(Message request) {
            Attributes svc = request.genlAttributes().nested(IPVS_CMD_ATTR_SERVICE);
            AddressFamily family = AddressFamily.fromNumber(svc.u16(IPVS_SVC_ATTR_AF));
            if (svc.has(IPVS_SVC_ATTR_FWMARK)) {
                return ServiceKey.fwmark(svc.u32(IPVS_SVC_ATTR_FWMARK), family);
            }
            byte[] address = Arrays.copyOf(svc.bytes(IPVS_SVC_ATTR_ADDR), family.addressLength());
            try {
                // Inet6Address keeps an IPv4-mapped address IPv6 (InetAddress.getByAddress would not).
                InetAddress ip = family == AddressFamily.INET6
                        ? Inet6Address.getByAddress(null, address, -1) : InetAddress.getByAddress(address);
                return new ServiceKey.Address(Protocol.fromNumber(svc.u16(IPVS_SVC_ATTR_PROTOCOL)), ip,
                        svc.be16(IPVS_SVC_ATTR_PORT));
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        }

        static Reply serviceRows(Reply reply, Message request, List<ServiceEntry> rows) {
            rows.forEach(e -> serviceRow(reply, request, e, true));
            return reply;
        }

        /** A service as ip_vs_genl_fill_service sends it, as a dump part or a single reply. */
        static Reply serviceRow(Reply reply, Message request, ServiceEntry e, boolean dump) {
            Consumer<MessageWriter> body = w -> {
                w.genlHeader(IPVS_CMD_NEW_SERVICE, IPVS_GENL_VERSION);
                IpvsCodec.writeServiceEntry(w, e);
            };
            return dump ? reply.multi(request, request.type(), body) : reply.data(request, request.type(), body);
        }

        static Reply realServerRow(Reply reply, Message request, RealServerEntry e) {
            return reply.multi(request, request.type(), w -> {
                w.genlHeader(IPVS_CMD_NEW_DEST, IPVS_GENL_VERSION);
                IpvsCodec.writeRealServerEntry(w, e);
            });
        }
    }

    static Message single(List<Message> datagram) {
        assertEquals(1, datagram.size(), "messages in the datagram");
        return datagram.get(0);
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
