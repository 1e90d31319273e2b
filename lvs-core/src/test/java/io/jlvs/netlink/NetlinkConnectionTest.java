package io.jlvs.netlink;

import static io.jlvs.netlink.NetlinkConstants.CTRL_ATTR_FAMILY_ID;
import static io.jlvs.netlink.NetlinkConstants.CTRL_ATTR_FAMILY_NAME;
import static io.jlvs.netlink.NetlinkConstants.CTRL_ATTR_HDRSIZE;
import static io.jlvs.netlink.NetlinkConstants.CTRL_ATTR_MAXATTR;
import static io.jlvs.netlink.NetlinkConstants.CTRL_ATTR_MCAST_GROUPS;
import static io.jlvs.netlink.NetlinkConstants.CTRL_ATTR_MCAST_GRP_ID;
import static io.jlvs.netlink.NetlinkConstants.CTRL_ATTR_MCAST_GRP_NAME;
import static io.jlvs.netlink.NetlinkConstants.CTRL_ATTR_VERSION;
import static io.jlvs.netlink.NetlinkConstants.CTRL_CMD_GETFAMILY;
import static io.jlvs.netlink.NetlinkConstants.GENL_ID_CTRL;
import static io.jlvs.netlink.NetlinkConstants.NLMSG_NOOP;
import static io.jlvs.netlink.NetlinkConstants.NLMSG_OVERRUN;
import static io.jlvs.netlink.NetlinkConstants.NLM_F_ACK;
import static io.jlvs.netlink.NetlinkConstants.NLM_F_DUMP;
import static io.jlvs.netlink.NetlinkConstants.NLM_F_DUMP_INTR;
import static io.jlvs.netlink.NetlinkConstants.NLM_F_EXCL;
import static io.jlvs.netlink.NetlinkConstants.NLM_F_REQUEST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.netlink.Outcome.Status;
import io.jlvs.sys.Errno;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** NetlinkConnection against a scripted fake kernel: what each exchange sends and makes of the answers. */
class NetlinkConnectionTest {
    /** A made-up generic-netlink family id, command and attribute, enough to tell requests apart. */
    private static final int FAMILY = 0x1c;
    private static final int CMD = 7;
    private static final int ATTR_INDEX = 1;
    private static final int ROW_TYPE = 0x1c;

    private static Request indexed(int index) {
        return Request.genl(FAMILY, CMD, 1, 0, w -> w.putU32(ATTR_INDEX, index), "operation " + index);
    }

    private static int indexOf(Message request) {
        return request.genlAttributes().u32(ATTR_INDEX);
    }

    private static final Function<Message, Integer> ROW = m -> m.genlAttributes().u32(ATTR_INDEX);

    private static void row(MessageWriter w, int value) {
        w.genlHeader(CMD, 1).putU32(ATTR_INDEX, value);
    }

    private static NetlinkConnection connect(FakeKernel kernel) {
        return new NetlinkConnection(kernel, Duration.ofSeconds(10));
    }

    /** White-box: the connection starts its sequence numbers at a time-derived value; tests pin it. */
    private static void setSequence(NetlinkConnection connection, int last) {
        try {
            java.lang.reflect.Field seq = NetlinkConnection.class.getDeclaredField("seq");
            seq.setAccessible(true);
            seq.setInt(connection, last);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("NetlinkConnection.seq is gone; update this test", e);
        }
    }

    @Nested
    @DisplayName("request")
    class Requests {
        @Test
        void anAcknowledgedRequestReturnsNoReplies() {
            FakeKernel kernel = FakeKernel.acknowledgingEverything();
            List<Integer> replies = connect(kernel).request(indexed(1), ROW);
            assertEquals(List.of(), replies);
            assertEquals(1, kernel.datagramsReceived());
        }

        @Test
        void aRequestIsSentWithRequestAndAckFlagsItsOwnFlagsAndItsBody() {
            FakeKernel kernel = FakeKernel.acknowledgingEverything();
            Request withExcl = Request.genl(FAMILY, CMD, 3, NLM_F_EXCL, w -> w.putU32(ATTR_INDEX, 42), "create");
            connect(kernel).execute(withExcl);
            Message sent = kernel.lastDatagram().get(0);
            assertEquals(FAMILY, sent.type());
            assertEquals(NLM_F_REQUEST | NLM_F_ACK | NLM_F_EXCL, sent.flags());
            assertEquals(CMD, sent.genlCommand());
            assertEquals(3, Byte.toUnsignedInt(sent.buffer().get(sent.payloadOffset() + 1)), "genl version");
            assertEquals(42, indexOf(sent));
        }

        @Test
        void successiveRequestsUseIncreasingSequenceNumbers() {
            FakeKernel kernel = FakeKernel.acknowledgingEverything();
            NetlinkConnection connection = connect(kernel);
            connection.execute(indexed(1));
            connection.execute(indexed(2));
            List<Message> sent = kernel.messagesReceived();
            assertEquals(sent.get(0).seq() + 1, sent.get(1).seq());
        }

        @Test
        void sequenceNumbersWrapToOneNotToZeroOrNegative() {
            FakeKernel kernel = FakeKernel.acknowledgingEverything();
            NetlinkConnection connection = connect(kernel);
            setSequence(connection, Integer.MAX_VALUE);
            connection.execute(indexed(1));
            assertEquals(1, kernel.lastDatagram().get(0).seq());
        }

        @Test
        void dataRepliesBeforeTheAckAreDecodedInOrder() {
            FakeKernel kernel = new FakeKernel(requests -> {
                Message r = requests.get(0);
                return List.of(
                        FakeKernel.reply().data(r, ROW_TYPE, w -> row(w, 10)).data(r, ROW_TYPE, w -> row(w, 20)).bytes(),
                        FakeKernel.reply().data(r, ROW_TYPE, w -> row(w, 30)).ack(r).bytes());
            });
            assertEquals(List.of(10, 20, 30), connect(kernel).request(indexed(1), ROW));
        }

        @Test
        void anErrorWithExtendedAckBecomesANetlinkExceptionCarryingErrnoAndKernelText() {
            FakeKernel kernel = new FakeKernel(FakeKernel.eachRequest(
                    (reply, r) -> reply.error(r, Errno.EEXIST, "Service already exists", 24)));
            NetlinkException e = assertThrows(NetlinkException.class,
                    () -> connect(kernel).execute(Request.genl(FAMILY, CMD, 1, 0, w -> { }, "add service TCP 10.0.0.1:80")));
            assertEquals(Errno.EEXIST, e.errno());
            assertEquals("Service already exists", e.kernelMessage());
            assertTrue(e.getMessage().contains("add service TCP 10.0.0.1:80"), e.getMessage());
            assertTrue(e.getMessage().contains("Service already exists"), e.getMessage());
            assertTrue(e.getMessage().contains("EEXIST"), e.getMessage());
        }

        @Test
        void anErrorWithoutExtendedAckHasNoKernelMessage() {
            FakeKernel kernel = new FakeKernel(FakeKernel.eachRequest((reply, r) -> reply.error(r, Errno.EPERM)));
            NetlinkException e = assertThrows(NetlinkException.class, () -> connect(kernel).execute(indexed(1)));
            assertEquals(Errno.EPERM, e.errno());
            assertNull(e.kernelMessage());
        }

        @Test
        void anUncappedErrorEchoingTheRequestStillYieldsTheKernelText() {
            FakeKernel kernel = new FakeKernel(FakeKernel.eachRequest(
                    (reply, r) -> reply.uncappedError(r, Errno.EINVAL, "bad weight", 20)));
            NetlinkException e = assertThrows(NetlinkException.class, () -> connect(kernel).execute(indexed(1)));
            assertEquals(Errno.EINVAL, e.errno());
            assertEquals("bad weight", e.kernelMessage());
        }

        @Test
        void staleRepliesWithAnotherSequenceNumberAreSkipped() {
            FakeKernel kernel = new FakeKernel(requests -> {
                Message r = requests.get(0);
                int stale = r.seq() - 1;
                return List.of(
                        FakeKernel.reply().message(ROW_TYPE, 0, stale, w -> row(w, 666)).bytes(),
                        FakeKernel.reply().message(NetlinkConstants.NLMSG_ERROR, 0, stale,
                                w -> w.putRaw(new byte[20])).bytes(), // would be an ack for seq-1
                        FakeKernel.reply().message(ROW_TYPE, 0, r.seq() + 1000, w -> row(w, 777))
                                .data(r, ROW_TYPE, w -> row(w, 1)).ack(r).bytes());
            });
            assertEquals(List.of(1), connect(kernel).request(indexed(1), ROW));
        }

        @Test
        void noopMessagesAreIgnored() {
            FakeKernel kernel = new FakeKernel(requests -> {
                Message r = requests.get(0);
                return FakeKernel.reply().message(NLMSG_NOOP, 0, r.seq(), w -> { }).ack(r).asList();
            });
            assertEquals(List.of(), connect(kernel).request(indexed(1), ROW));
        }

        @Test
        void noAnswerAtAllIsATimeoutNamingTheOperationNotTheKernelsEagain() {
            FakeKernel kernel = new FakeKernel(FakeKernel.silent());
            NetlinkException e = assertThrows(NetlinkException.class, () -> connect(kernel).execute(indexed(1)));
            assertEquals(Errno.ETIMEDOUT, e.errno());
            assertTrue(e.getMessage().contains(indexed(1).description() + ": the kernel did not answer"), e.getMessage());
        }

        @Test
        void anOverrunIsReportedAsLostDataNotSkipped() {
            FakeKernel kernel = new FakeKernel(requests -> {
                Message r = requests.get(0);
                return FakeKernel.reply().message(NLMSG_OVERRUN, 0, r.seq(), w -> { }).ack(r).asList();
            });
            NetlinkException e = assertThrows(NetlinkException.class, () -> connect(kernel).execute(indexed(1)));
            assertEquals(Errno.ENOBUFS, e.errno());
            assertTrue(e.getMessage().contains("NLMSG_OVERRUN"), e.getMessage());
        }

        @Test
        void aTruncatedNlmsgerrIsMalformed() {
            FakeKernel kernel = new FakeKernel(requests -> FakeKernel.reply()
                    .message(NetlinkConstants.NLMSG_ERROR, 0, requests.get(0).seq(), w -> w.putRaw(new byte[8])).asList());
            assertThrows(MalformedMessageException.class, () -> connect(kernel).execute(indexed(1)));
        }

        @Test
        void closingTheConnectionClosesTheTransport() {
            FakeKernel kernel = FakeKernel.acknowledgingEverything();
            connect(kernel).close();
            assertTrue(kernel.isClosed());
        }
    }

    @Nested
    @DisplayName("dump")
    class Dumps {
        private static final Request DUMP = Request.genl(FAMILY, CMD, 1, 0, w -> { }, "dump rows");

        @Test
        void aDumpIsSentWithTheDumpFlagsAndNoAckFlag() {
            FakeKernel kernel = new FakeKernel(requests -> FakeKernel.reply().done(requests.get(0)).asList());
            connect(kernel).dump(DUMP, ROW);
            Message sent = kernel.lastDatagram().get(0);
            assertEquals(NLM_F_REQUEST | NLM_F_DUMP, sent.flags());
        }

        @Test
        void aDumpOverSeveralDatagramsReturnsEveryRowInOrder() {
            FakeKernel kernel = new FakeKernel(requests -> {
                Message r = requests.get(0);
                return List.of(
                        FakeKernel.reply().multi(r, ROW_TYPE, w -> row(w, 1)).multi(r, ROW_TYPE, w -> row(w, 2)).bytes(),
                        FakeKernel.reply().multi(r, ROW_TYPE, w -> row(w, 3)).bytes(),
                        FakeKernel.reply().multi(r, ROW_TYPE, w -> row(w, 4)).multi(r, ROW_TYPE, w -> row(w, 5)).bytes(),
                        FakeKernel.reply().done(r).bytes());
            });
            assertEquals(List.of(1, 2, 3, 4, 5), connect(kernel).dump(DUMP, ROW));
            assertEquals(1, kernel.datagramsReceived());
        }

        @Test
        void anEmptyTableDumpsAsAnEmptyList() {
            FakeKernel kernel = new FakeKernel(requests -> FakeKernel.reply().done(requests.get(0)).asList());
            assertEquals(List.of(), connect(kernel).dump(DUMP, ROW));
        }

        @Test
        void anInterruptedFirstAttemptIsRepeatedAndOnlyTheCleanAttemptsRowsReturned() {
            FakeKernel kernel = new FakeKernel(FakeKernel.inTurn(
                    requests -> {
                        Message r = requests.get(0);
                        return List.of(
                                FakeKernel.reply().multi(r, ROW_TYPE, w -> row(w, 1)).bytes(),
                                FakeKernel.reply().multiInterrupted(r, ROW_TYPE, w -> row(w, 2))
                                        .multiInterrupted(r, ROW_TYPE, w -> row(w, 3)).done(r, 0, NLM_F_DUMP_INTR, null).bytes());
                    },
                    requests -> {
                        Message r = requests.get(0);
                        return FakeKernel.reply().multi(r, ROW_TYPE, w -> row(w, 10))
                                .multi(r, ROW_TYPE, w -> row(w, 20)).done(r).asList();
                    }));
            assertEquals(List.of(10, 20), connect(kernel).dump(DUMP, ROW));
            assertEquals(2, kernel.datagramsReceived());
            assertNotEquals(kernel.received().get(0).get(0).seq(), kernel.received().get(1).get(0).seq(),
                    "the retry must not share the abandoned attempt's sequence number");
        }

        @Test
        void anInterruptionMarkedOnlyOnNlmsgDoneAlsoRepeatsTheDump() {
            FakeKernel kernel = new FakeKernel(FakeKernel.inTurn(
                    requests -> {
                        Message r = requests.get(0);
                        return FakeKernel.reply().multi(r, ROW_TYPE, w -> row(w, 1)).done(r, 0, NLM_F_DUMP_INTR, null).asList();
                    },
                    requests -> {
                        Message r = requests.get(0);
                        return FakeKernel.reply().multi(r, ROW_TYPE, w -> row(w, 2)).done(r).asList();
                    }));
            assertEquals(List.of(2), connect(kernel).dump(DUMP, ROW));
            assertEquals(2, kernel.datagramsReceived());
        }

        @Test
        void aDumpInterruptedEveryTimeGivesUpAfterExactlyMaxDumpAttempts() {
            FakeKernel kernel = new FakeKernel(requests -> {
                Message r = requests.get(0);
                return FakeKernel.reply().multiInterrupted(r, ROW_TYPE, w -> row(w, 1))
                        .done(r, 0, NLM_F_DUMP_INTR, null).asList();
            });
            DumpInterruptedException e = assertThrows(DumpInterruptedException.class, () -> connect(kernel).dump(DUMP, ROW));
            assertEquals(NetlinkConnection.MAX_DUMP_ATTEMPTS, kernel.datagramsReceived());
            assertTrue(e.getMessage().contains("dump rows"), e.getMessage());
        }

        @Test
        void aDumpEndingInNlmsgDoneWithMinusErrnoFailsWithThatErrno() {
            FakeKernel kernel = new FakeKernel(requests -> {
                Message r = requests.get(0);
                return FakeKernel.reply().multi(r, ROW_TYPE, w -> row(w, 1))
                        .done(r, Errno.EMSGSIZE, 0, "dump buffer too small").asList();
            });
            NetlinkException e = assertThrows(NetlinkException.class, () -> connect(kernel).dump(DUMP, ROW));
            assertEquals(Errno.EMSGSIZE, e.errno());
            assertEquals("dump buffer too small", e.kernelMessage());
            assertTrue(e.getMessage().contains("dump rows"), e.getMessage());
        }

        @Test
        void aDumpRefusedWithNlmsgErrorFailsWithTheErrorsErrno() {
            FakeKernel kernel = new FakeKernel(FakeKernel.eachRequest(
                    (reply, r) -> reply.error(r, Errno.EOPNOTSUPP, "no dump for this command", -1)));
            NetlinkException e = assertThrows(NetlinkException.class, () -> connect(kernel).dump(DUMP, ROW));
            assertEquals(Errno.EOPNOTSUPP, e.errno());
            assertEquals("no dump for this command", e.kernelMessage());
            assertEquals(1, kernel.datagramsReceived(), "an error is not an interruption: no retry");
        }

        @Test
        void staleDumpRowsFromAnotherSequenceNumberAreNotReturned() {
            FakeKernel kernel = new FakeKernel(requests -> {
                Message r = requests.get(0);
                return FakeKernel.reply().message(ROW_TYPE, NetlinkConstants.NLM_F_MULTI, r.seq() - 1, w -> row(w, 99))
                        .multi(r, ROW_TYPE, w -> row(w, 1)).done(r).asList();
            });
            assertEquals(List.of(1), connect(kernel).dump(DUMP, ROW));
        }
    }

    @Nested
    @DisplayName("batch")
    class Batches {
        /** Fails requests whose index satisfies {@code failing} with EEXIST and a text naming the index. */
        private FakeKernel failing(java.util.function.IntPredicate failing) {
            return new FakeKernel(FakeKernel.eachRequest((reply, r) -> {
                int index = indexOf(r);
                if (failing.test(index)) {
                    reply.error(r, Errno.EEXIST, "exists " + index, -1);
                } else {
                    reply.ack(r);
                }
            }));
        }

        private List<Request> requests(int n) {
            return IntStream.range(0, n).mapToObj(NetlinkConnectionTest::indexed).toList();
        }

        @Test
        void oneFailureInTheMiddleFailsOnlyThatRequestAndTheRestApply() {
            FakeKernel kernel = failing(i -> i == 2);
            List<Request> batch = requests(5);
            List<Outcome> outcomes = connect(kernel).batch(batch, false, null);
            assertEquals(List.of(Status.APPLIED, Status.APPLIED, Status.FAILED, Status.APPLIED, Status.APPLIED),
                    outcomes.stream().map(Outcome::status).toList());
            assertEquals(Errno.EEXIST, outcomes.get(2).errno());
            assertEquals("exists 2", outcomes.get(2).kernelMessage());
            for (int i = 0; i < 5; i++) {
                assertEquals(batch.get(i), outcomes.get(i).request(), "outcomes are in request order");
            }
            assertEquals(1, kernel.datagramsReceived(), "five small requests share one datagram");
        }

        @Test
        void aBatchMakesTheDescriptionOfAFailedRequestOnlyForThatOne() {
            FakeKernel kernel = failing(i -> i == 3);
            java.util.concurrent.atomic.AtomicInteger described = new java.util.concurrent.atomic.AtomicInteger();
            List<Request> batch = IntStream.range(0, 500).mapToObj(i -> Request.genl(FAMILY, CMD, 1, 0,
                    w -> w.putU32(ATTR_INDEX, i), () -> {
                        described.incrementAndGet();
                        return "operation " + i;
                    })).toList();
            List<Outcome> outcomes = connect(kernel).batch(batch, false, null);
            assertEquals(Outcome.Status.FAILED, outcomes.get(3).status());
            assertEquals(0, described.get(), "nothing formatted while sending 500 requests");
            String failed = outcomes.get(3).toString();
            assertTrue(failed.startsWith("operation 3: failed"), failed);
            assertEquals(1, described.get(), "only the failed one's, when asked");
        }

        @Test
        void onlyTheLastRequestOfADatagramAsksForAnAckAndEachGetsItsOwnSequenceNumber() {
            FakeKernel kernel = FakeKernel.acknowledgingEverything();
            connect(kernel).batch(requests(10), false, null);
            List<Message> sent = kernel.messagesReceived();
            assertEquals(10, sent.size());
            for (int i = 0; i < sent.size(); i++) {
                assertEquals(i == 9 ? NLM_F_REQUEST | NLM_F_ACK : NLM_F_REQUEST, sent.get(i).flags(), "request " + i);
                assertEquals(sent.get(0).seq() + i, sent.get(i).seq());
                assertEquals(i, indexOf(sent.get(i)));
            }
        }

        @Test
        void likeTheKernelErrorsAlwaysAcksOnlyWhenAskedAndEveryRequestGetsItsVerdict() {
            // netlink_rcv_skb: an error answers any message; success only one with NLM_F_ACK.
            FakeKernel kernel = new FakeKernel(requests -> {
                FakeKernel.Reply reply = FakeKernel.reply();
                for (Message r : requests) {
                    if (indexOf(r) % 250 == 7) {
                        reply.error(r, Errno.EEXIST, "exists " + indexOf(r), -1);
                    } else if (r.hasFlag(NLM_F_ACK)) {
                        reply.ack(r);
                    }
                }
                return reply.asList();
            });
            List<Outcome> outcomes = connect(kernel).batch(requests(2000), false, null);
            assertTrue(kernel.datagramsReceived() > 1);
            for (int i = 0; i < 2000; i++) {
                Outcome o = outcomes.get(i);
                assertEquals(i % 250 == 7 ? Status.FAILED : Status.APPLIED, o.status(), "request " + i + ": " + o);
                assertEquals(indexOf(kernel.messagesReceived().get(i)), i);
            }
            assertEquals("exists 257", outcomes.get(257).kernelMessage());
        }

        @Test
        void aFailingLastRequestIsItsOwnAnswerAndTheRestSucceeded() {
            FakeKernel kernel = new FakeKernel(requests -> {
                FakeKernel.Reply reply = FakeKernel.reply();
                Message last = requests.get(requests.size() - 1);
                reply.error(last, Errno.ENOENT, "missing", -1);
                return reply.asList();
            });
            List<Outcome> outcomes = connect(kernel).batch(requests(5), false, null);
            assertEquals(List.of(Status.APPLIED, Status.APPLIED, Status.APPLIED, Status.APPLIED, Status.FAILED),
                    outcomes.stream().map(Outcome::status).toList());
        }

        @Test
        void acksArrivingOutOfOrderStillReachTheirOwnRequests() {
            FakeKernel kernel = new FakeKernel(requests -> {
                FakeKernel.Reply reply = FakeKernel.reply();
                for (int i = requests.size() - 1; i >= 0; i--) {
                    Message r = requests.get(i);
                    if (indexOf(r) % 3 == 0) {
                        reply.error(r, Errno.ENOENT, "missing " + indexOf(r), -1);
                    } else {
                        reply.ack(r);
                    }
                }
                return reply.asList();
            });
            List<Outcome> outcomes = connect(kernel).batch(requests(9), false, null);
            for (int i = 0; i < 9; i++) {
                Outcome o = outcomes.get(i);
                assertEquals(i % 3 == 0 ? Status.FAILED : Status.APPLIED, o.status(), o.toString());
                if (i % 3 == 0) {
                    assertEquals("missing " + i, o.kernelMessage());
                }
            }
        }

        @Test
        void aLargeBatchIsSplitIntoSeveralDatagramsAndEveryOutcomeMatchesItsRequest() {
            FakeKernel kernel = failing(i -> i % 7 == 3);
            List<Integer> progress = new ArrayList<>();
            List<Outcome> outcomes = connect(kernel).batch(requests(2000), false, progress::add);
            int expectedDatagrams = (2000 + NetlinkConnection.BATCH_SEND_MESSAGES - 1) / NetlinkConnection.BATCH_SEND_MESSAGES;
            assertEquals(expectedDatagrams, kernel.datagramsReceived());
            assertTrue(kernel.datagramsReceived() > 1);
            for (List<Message> datagram : kernel.received()) {
                assertTrue(datagram.size() <= NetlinkConnection.BATCH_SEND_MESSAGES, "messages per datagram: " + datagram.size());
            }
            assertEquals(2000, outcomes.size());
            for (int i = 0; i < 2000; i++) {
                Outcome o = outcomes.get(i);
                assertEquals("operation " + i, o.request().description());
                if (i % 7 == 3) {
                    assertEquals(Status.FAILED, o.status(), o.toString());
                    assertEquals(Errno.EEXIST, o.errno());
                    assertEquals("exists " + i, o.kernelMessage());
                } else {
                    assertEquals(Status.APPLIED, o.status(), o.toString());
                    assertEquals(0, o.errno());
                }
            }
            assertEquals(2000, progress.get(progress.size() - 1));
            assertEquals(expectedDatagrams, progress.size(), "progress is reported once per datagram");
        }

        @Test
        void largeRequestsAreSplitByBytesAsWellAsByCount() {
            FakeKernel kernel = FakeKernel.acknowledgingEverything();
            byte[] bulk = new byte[1000];
            List<Request> big = IntStream.range(0, 300).mapToObj(i -> Request.genl(FAMILY, CMD, 1, 0,
                    w -> w.putU32(ATTR_INDEX, i).putBytes(2, bulk), "big " + i)).toList();
            List<Outcome> outcomes = connect(kernel).batch(big, false, null);
            assertTrue(outcomes.stream().allMatch(Outcome::applied));
            assertTrue(kernel.datagramsReceived() >= 300 * 1000 / NetlinkConnection.BATCH_SEND_BYTES + 1,
                    "datagrams: " + kernel.datagramsReceived());
            int requestBytes = 16 + 4 + 8 + 1004;
            for (List<Message> datagram : kernel.received()) {
                Message last = datagram.get(datagram.size() - 1);
                assertTrue(last.payloadEnd() <= NetlinkConnection.BATCH_SEND_BYTES + requestBytes,
                        "datagram of " + last.payloadEnd() + " bytes");
            }
        }

        @Test
        void stopAtFailureSendsNoDatagramAfterTheOneContainingTheFailure() {
            FakeKernel kernel = failing(i -> i == 100);
            List<Outcome> outcomes = connect(kernel).batch(requests(2000), true, null);
            assertEquals(1, kernel.datagramsReceived());
            int perDatagram = NetlinkConnection.BATCH_SEND_MESSAGES;
            for (int i = 0; i < 2000; i++) {
                Status expected = i == 100 ? Status.FAILED : i < perDatagram ? Status.APPLIED : Status.NOT_SENT;
                assertEquals(expected, outcomes.get(i).status(), "request " + i);
            }
        }

        @Test
        void withoutStopAtFailureTheSameFailureDoesNotStopTheBatch() {
            FakeKernel kernel = failing(i -> i == 100);
            List<Outcome> outcomes = connect(kernel).batch(requests(2000), false, null);
            assertEquals(4, kernel.datagramsReceived());
            assertEquals(1999, outcomes.stream().filter(Outcome::applied).count());
        }

        @Test
        void aTransportTimeoutMidBatchKeepsAnsweredOutcomesAndMarksTheRestUnknownOrNotSent() {
            int perDatagram = NetlinkConnection.BATCH_SEND_MESSAGES;
            int answeredInSecond = 100;
            FakeKernel kernel = new FakeKernel(FakeKernel.inTurn(
                    FakeKernel.acknowledgeEach(),
                    requests -> {
                        FakeKernel.Reply reply = FakeKernel.reply();
                        requests.subList(0, answeredInSecond).forEach(reply::ack);
                        return reply.asList(); // then silence: the next receive times out with EAGAIN
                    }));
            List<Outcome> outcomes = connect(kernel).batch(requests(2000), false, null);
            assertEquals(2, kernel.datagramsReceived(), "no datagram is sent after the socket broke");
            for (int i = 0; i < 2000; i++) {
                Outcome o = outcomes.get(i);
                if (i < perDatagram + answeredInSecond) {
                    assertEquals(Status.APPLIED, o.status(), "request " + i);
                } else if (i < 2 * perDatagram) {
                    assertEquals(Status.UNKNOWN, o.status(), "request " + i);
                    assertEquals(Errno.ETIMEDOUT, o.errno());
                } else {
                    assertEquals(Status.NOT_SENT, o.status(), "request " + i);
                }
            }
        }

        @Test
        void aBatchStraddlingTheSequenceNumberWrapStillMatchesEveryAck() {
            for (int start : new int[] {Integer.MAX_VALUE - 2, Integer.MAX_VALUE - 1, Integer.MAX_VALUE}) {
                FakeKernel kernel = failing(i -> i == 3);
                NetlinkConnection connection = connect(kernel);
                setSequence(connection, start);
                List<Outcome> outcomes = connection.batch(requests(6), false, null);
                assertEquals(List.of(Status.APPLIED, Status.APPLIED, Status.APPLIED, Status.FAILED, Status.APPLIED, Status.APPLIED),
                        outcomes.stream().map(Outcome::status).toList(), "starting after seq " + start);
                assertEquals("exists 3", outcomes.get(3).kernelMessage());
            }
        }

        @Test
        void aFailedSendIsNeverReportedAsAppliedAndNothingMoreIsSent() {
            FakeKernel kernel = new FakeKernel(FakeKernel.inTurn(FakeKernel.acknowledgeEach(), FakeKernel.refusingSend(Errno.ENOBUFS)));
            int perDatagram = NetlinkConnection.BATCH_SEND_MESSAGES;
            List<Outcome> outcomes = connect(kernel).batch(requests(2000), false, null);
            assertEquals(2, kernel.datagramsReceived());
            for (int i = 0; i < 2000; i++) {
                Status status = outcomes.get(i).status();
                if (i < perDatagram) {
                    assertEquals(Status.APPLIED, status, "request " + i);
                } else if (i < 2 * perDatagram) {
                    assertTrue(status == Status.UNKNOWN || status == Status.NOT_SENT, "request " + i + ": " + status);
                } else {
                    assertEquals(Status.NOT_SENT, status, "request " + i);
                }
            }
        }

        @Test
        void anEmptyBatchSendsNothing() {
            FakeKernel kernel = FakeKernel.acknowledgingEverything();
            assertEquals(List.of(), connect(kernel).batch(List.of(), false, null));
            assertEquals(0, kernel.datagramsReceived());
        }

        @Test
        void repliesLeftOverFromABrokenBatchDoNotConfuseTheNextExchange() {
            // First datagram: acks for only half, delivered late (after the timeout), interleaved with the
            // next request's exchange.
            List<byte[]> late = new ArrayList<>();
            FakeKernel kernel = new FakeKernel(FakeKernel.inTurn(
                    requests -> {
                        FakeKernel.Reply reply = FakeKernel.reply();
                        requests.forEach(r -> reply.error(r, Errno.EEXIST, "late", -1));
                        late.add(reply.bytes());
                        return List.of();
                    },
                    requests -> {
                        List<byte[]> replies = new ArrayList<>(late);
                        replies.add(FakeKernel.reply().ack(requests.get(0)).bytes());
                        return replies;
                    }));
            NetlinkConnection connection = connect(kernel);
            List<Outcome> broken = connection.batch(requests(3), false, null);
            assertTrue(broken.stream().allMatch(o -> o.status() == Status.UNKNOWN));
            connection.execute(indexed(99)); // must take its own ack, not the late EEXIST errors
        }
    }

    @Nested
    @DisplayName("resolveFamily")
    class ResolveFamily {
        private FakeKernel controller(String name, int id) {
            return new FakeKernel(FakeKernel.eachRequest((reply, r) -> {
                reply.data(r, GENL_ID_CTRL, w -> {
                    w.genlHeader(1 /* CTRL_CMD_NEWFAMILY */, 2);
                    w.putU16(CTRL_ATTR_FAMILY_ID, id);
                    w.putString(CTRL_ATTR_FAMILY_NAME, name);
                    w.putU32(CTRL_ATTR_VERSION, 1);
                    w.putU32(CTRL_ATTR_HDRSIZE, 0);
                    w.putU32(CTRL_ATTR_MAXATTR, 9);
                    int groups = w.beginNested(CTRL_ATTR_MCAST_GROUPS);
                    int g1 = w.beginNested(1);
                    w.putU32(CTRL_ATTR_MCAST_GRP_ID, 7).putString(CTRL_ATTR_MCAST_GRP_NAME, "events");
                    w.endNested(g1);
                    int g2 = w.beginNested(2);
                    w.putString(CTRL_ATTR_MCAST_GRP_NAME, "stats").putU32(CTRL_ATTR_MCAST_GRP_ID, 8);
                    w.endNested(g2);
                    w.endNested(groups);
                });
                reply.ack(r);
            }));
        }

        @Test
        void asksTheControllerForTheFamilyByName() {
            FakeKernel kernel = controller("IPVS", 0x22);
            connect(kernel).resolveFamily("IPVS");
            Message sent = kernel.lastDatagram().get(0);
            assertEquals(GENL_ID_CTRL, sent.type());
            assertEquals(CTRL_CMD_GETFAMILY, sent.genlCommand());
            assertEquals("IPVS", sent.genlAttributes().string(CTRL_ATTR_FAMILY_NAME));
        }

        @Test
        void decodesIdVersionHeaderSizeMaxAttributeAndMulticastGroups() {
            GenericFamily family = connect(controller("IPVS", 0x22)).resolveFamily("IPVS");
            assertEquals(new GenericFamily("IPVS", 0x22, 1, 0, 9, Map.of("events", 7, "stats", 8)), family);
        }

        @Test
        void aFamilyWithoutMulticastGroupsHasAnEmptyGroupMap() {
            FakeKernel kernel = new FakeKernel(FakeKernel.eachRequest((reply, r) -> reply
                    .data(r, GENL_ID_CTRL, w -> w.genlHeader(1, 2).putU16(CTRL_ATTR_FAMILY_ID, 0x30)
                            .putString(CTRL_ATTR_FAMILY_NAME, "quiet"))
                    .ack(r)));
            GenericFamily family = connect(kernel).resolveFamily("quiet");
            assertEquals(new GenericFamily("quiet", 0x30, 0, 0, 0, Map.of()), family);
        }

        @Test
        void enoentMeansTheFamilyIsNotThere() {
            FakeKernel kernel = new FakeKernel(FakeKernel.eachRequest((reply, r) -> reply.error(r, Errno.ENOENT, null, 20)));
            FamilyNotFoundException e = assertThrows(FamilyNotFoundException.class, () -> connect(kernel).resolveFamily("IPVS"));
            assertEquals("IPVS", e.family());
            assertEquals(Errno.ENOENT, e.errno());
        }

        @Test
        void anotherErrorIsNotMistakenForAMissingFamily() {
            FakeKernel kernel = new FakeKernel(FakeKernel.eachRequest((reply, r) -> reply.error(r, Errno.EPERM)));
            NetlinkException e = assertThrows(NetlinkException.class, () -> connect(kernel).resolveFamily("IPVS"));
            assertEquals(Errno.EPERM, e.errno());
            assertTrue(!(e instanceof FamilyNotFoundException));
        }

        @Test
        void anAckWithoutAFamilyMessageIsMalformed() {
            FakeKernel kernel = FakeKernel.acknowledgingEverything();
            NetlinkException e = assertThrows(NetlinkException.class, () -> connect(kernel).resolveFamily("IPVS"));
            assertInstanceOf(MalformedMessageException.class, e);
        }
    }
}
