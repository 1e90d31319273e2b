package io.jlvs.netlink;

import static io.jlvs.netlink.NetlinkConstants.CTRL_ATTR_FAMILY_NAME;
import static io.jlvs.netlink.NetlinkConstants.CTRL_CMD_GETFAMILY;
import static io.jlvs.netlink.NetlinkConstants.GENL_ID_CTRL;
import static io.jlvs.sys.LinuxConstants.NETLINK_GENERIC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jlvs.netlink.Outcome.Status;
import io.jlvs.sys.Errno;
import io.jlvs.sys.Syscalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Generic netlink against this machine's kernel: the controller (nlctrl) is always there, IPVS only on
 * kernels that have it. Needs no privileges; skipped where there is no Linux netlink to talk to.
 */
@Timeout(60)
class GenericNetlinkLiveTest {
    private NetlinkConnection connection;

    static Syscalls syscallsOrSkip() {
        assumeTrue(System.getProperty("os.name", "").toLowerCase().contains("linux"), "netlink is Linux-only");
        try {
            return Syscalls.system();
        } catch (LinkageError e) {
            assumeTrue(false, "libc not loadable through JNR: " + e);
            throw e;
        }
    }

    @BeforeEach
    void open() {
        Syscalls sys = syscallsOrSkip();
        NetlinkSocket socket;
        try {
            socket = NetlinkSocket.open(sys, NETLINK_GENERIC, Duration.ofSeconds(5));
        } catch (NetlinkException e) {
            assumeTrue(false, "no generic netlink socket here: " + e.getMessage());
            throw e;
        }
        connection = new NetlinkConnection(socket, Duration.ofSeconds(30));
    }

    @AfterEach
    void close() {
        if (connection != null) {
            connection.close();
        }
    }

    @Test
    void theKernelAssignsTheSocketAPortId() {
        assertTrue(connection.transport().portId() != 0);
    }

    @Test
    void theControllerResolvesItselfAsFamily0x10() {
        GenericFamily nlctrl = connection.resolveFamily("nlctrl");
        assertEquals(0x10, nlctrl.id());
        assertEquals("nlctrl", nlctrl.name());
        assertTrue(nlctrl.version() >= 1, "version " + nlctrl.version());
        // The controller's "notify" group keeps the id GENL_ID_CTRL for compatibility (genetlink.c).
        assertEquals(0x10, nlctrl.multicastGroups().get("notify"), nlctrl.multicastGroups().toString());
    }

    @Test
    void ipvsIsNotFoundOnAKernelWithoutIt() {
        assumeFalse(Files.exists(Path.of("/proc/net/ip_vs")), "this kernel has IPVS");
        String release = System.getProperty("os.version", "");
        assumeFalse(Files.exists(Path.of("/lib/modules", release, "kernel/net/netfilter/ipvs")),
                "an ip_vs module could be autoloaded by the lookup");
        FamilyNotFoundException e = assertThrows(FamilyNotFoundException.class, () -> connection.resolveFamily("IPVS"));
        assertEquals("IPVS", e.family());
        assertEquals(Errno.ENOENT, e.errno());
    }

    @Test
    void aDumpOfTheControllerListsManyFamiliesIncludingItself() {
        Request dump = Request.genl(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, 0, w -> { }, "dump generic netlink families");
        List<String> names = connection.dump(dump, m -> m.genlAttributes().string(CTRL_ATTR_FAMILY_NAME));
        assertTrue(names.contains("nlctrl"), names.toString());
        assertTrue(names.size() > 1, names.toString());
        assertEquals(names.size(), names.stream().distinct().count(), "each family once: " + names);
    }

    @Test
    void anUnknownControllerCommandIsRefusedWithEopnotsupp() {
        Request bogus = Request.genl(GENL_ID_CTRL, 250, 1, 0, w -> { }, "controller command 250");
        NetlinkException e = assertThrows(NetlinkException.class, () -> connection.execute(bogus));
        // genl_family_rcv_msg: no such op in the family (net/netlink/genetlink.c)
        assertEquals(Errno.EOPNOTSUPP, e.errno(), e.getMessage());
        assertTrue(e.getMessage().contains("controller command 250"), e.getMessage());
    }

    @Test
    void aBatchGetsOneVerdictPerRequestFromTheRealKernel() {
        List<Request> lookups = List.of(
                lookup("nlctrl"), lookup("jlvs-nofamily"), lookup("nlctrl"), lookup("jlvs-missing"), lookup("nlctrl"));
        List<Outcome> outcomes = connection.batch(lookups, false, null);
        assertEquals(List.of(Status.APPLIED, Status.FAILED, Status.APPLIED, Status.FAILED, Status.APPLIED),
                outcomes.stream().map(Outcome::status).toList(), outcomes.toString());
        assertEquals(Errno.ENOENT, outcomes.get(1).errno());
        assertEquals(Errno.ENOENT, outcomes.get(3).errno());
        // The connection is still in step: the next request gets its own answer.
        assertEquals(0x10, connection.resolveFamily("nlctrl").id());
    }

    @Test
    void aLargeBatchSpanningSeveralDatagramsIsAnsweredInFull() {
        List<Request> lookups = java.util.stream.IntStream.range(0, 1500)
                .mapToObj(i -> lookup(i % 100 == 0 ? "jlvs-m" + i : "nlctrl")).toList();
        List<Outcome> outcomes = connection.batch(lookups, false, null);
        for (int i = 0; i < outcomes.size(); i++) {
            assertEquals(i % 100 == 0 ? Status.FAILED : Status.APPLIED, outcomes.get(i).status(), outcomes.get(i).toString());
        }
    }

    @Test
    void aPolicyViolationComesBackWithTheKernelsExtendedAckText() {
        // CTRL_ATTR_FAMILY_NAME is limited to GENL_NAMSIZ - 1 = 15 bytes by the controller's policy.
        NetlinkException e = assertThrows(NetlinkException.class, () -> connection.resolveFamily("a-name-longer-than-sixteen"));
        assertEquals(Errno.EINVAL, e.errno());
        // 6.x says "Attribute failed policy validation" (lib/nlattr.c validate_nla)
        assertTrue(e.kernelMessage() != null && e.kernelMessage().contains("policy"), e.getMessage());
        assertTrue(e.getMessage().contains(e.kernelMessage()), e.getMessage());
    }

    @Test
    void noReplyIsLeftBehindAfterAnError() {
        Request bogus = Request.genl(GENL_ID_CTRL, 250, 1, 0, w -> { }, "controller command 250");
        assertThrows(NetlinkException.class, () -> connection.execute(bogus));
        GenericFamily again = connection.resolveFamily("nlctrl");
        assertFalse(again.name().isEmpty());
    }

    private static Request lookup(String family) {
        return Request.genl(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, 0, w -> w.putString(CTRL_ATTR_FAMILY_NAME, family),
                "look up " + family);
    }
}
