package io.jlvs.director;

import static io.jlvs.director.Fixtures.WEB;
import static io.jlvs.director.Fixtures.ip;
import static io.jlvs.director.Fixtures.rs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.config.Configuration;
import io.jlvs.director.internal.Role;
import io.jlvs.ipvs.Operation;
import io.jlvs.ipvs.RealServer;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.VirtualService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The director manages only the services it owns (configured, or created by it and remembered): a
 * service somebody else made in the same namespace is never edited or deleted, unless
 * {@code manage_whole_table = 1}.
 */
class DirectorOwnershipTest {
    /** Made by hand (ipvsadm) next to the director's. */
    static final ServiceKey HAND = ServiceKey.tcp(ip("10.23.8.99"), 8080);
    static final RealServer HAND_RS = rs("192.168.7.7", 3);
    static final ServiceKey MAIL = ServiceKey.tcp(ip("10.23.8.81"), 25);

    @TempDir
    Path dir;

    static final String MAIL_TEXT = """
                virtual mail {
                     address = 10.23.8.81 eth0:2
                     port = 25
                     scheduler = rr
                     server mx1 {
                         address = 192.168.1.5
                         port = 25
                     }
                }
                """;

    static Configuration webAndMail() {
        return Fixtures.parse(Fixtures.WEB_TEXT.formatted(0, 3) + MAIL_TEXT);
    }

    static Configuration webOnly(String globals) {
        return Fixtures.parse(globals + Fixtures.WEB_TEXT.formatted(0, 3));
    }

    static MemoryKernel kernelWithAHandMadeService() {
        MemoryKernel k = new MemoryKernel();
        k.apply(List.of(new Operation.AddService(VirtualService.builder(HAND).scheduler("sh").build()),
                new Operation.AddRealServer(HAND, HAND_RS)));
        k.clearApplied();
        return k;
    }

    static void assertHandMadeUntouched(MemoryKernel k) {
        assertEquals("sh", k.services.get(HAND).scheduler().toString(), "the hand-made service is as it was made");
        assertEquals(Map.of(HAND_RS.key(), HAND_RS), k.servers.get(HAND));
        assertTrue(k.appliedOps().stream().noneMatch(op -> op.service().equals(HAND)), k.appliedOps().toString());
    }

    @Test
    void aServiceMadeByHandSurvivesStartDriftChecksReloadAndStop() throws Exception {
        MemoryKernel k = kernelWithAHandMadeService();
        Fixtures.ScriptedLoader loader = new Fixtures.ScriptedLoader(Fixtures.web(3));
        try (Director d = Director.start(Fixtures.settings().stateFile(dir.resolve("owned")).build(),
                Fixtures.parts(loader, k, Role.ACTIVE))) {
            d.awaitIdle();
            assertTrue(k.services.containsKey(WEB));
            assertEquals(0, d.reconcile("drift check"));
            loader.next = Fixtures.web(5);
            assertEquals(1, d.reload());
            assertEquals(0, d.reconcile("drift check"));
            assertTrue(d.plan().stream().anyMatch(l -> l.startsWith("left alone: TCP 10.23.8.99:8080")), d.plan().toString());
        }
        assertHandMadeUntouched(k);
    }

    @Test
    void planShowsAForeignServiceAsLeftAlone() throws Exception {
        MemoryKernel k = kernelWithAHandMadeService();
        Plan plan = Director.plan(Fixtures.settings().stateFile(dir.resolve("owned")).build(),
                Fixtures.parts(new Fixtures.ScriptedLoader(Fixtures.web(3)), k, Role.ACTIVE), Role.ACTIVE);
        assertEquals(List.of(HAND), plan.leftAlone());
        assertTrue(plan.lines().stream().noneMatch(l -> l.contains("10.23.8.99")), plan.lines().toString());
    }

    @Test
    void aServiceRemovedFromTheConfigurationByAReloadIsDeleted() throws Exception {
        MemoryKernel k = kernelWithAHandMadeService();
        Fixtures.ScriptedLoader loader = new Fixtures.ScriptedLoader(webAndMail());
        try (Director d = Director.start(Fixtures.settings().stateFile(dir.resolve("owned")).build(),
                Fixtures.parts(loader, k, Role.ACTIVE))) {
            assertTrue(k.services.containsKey(MAIL));
            loader.next = Fixtures.web(3);
            d.reload();
            assertFalse(k.services.containsKey(MAIL), "created by the director, so deleted when it leaves the file");
            assertEquals(0, d.reconcile("drift check"));
        }
        assertHandMadeUntouched(k);
        assertFalse(Files.readString(dir.resolve("owned")).contains("TCP 10.23.8.81:25"), "forgotten once deleted");
    }

    @Test
    void aServiceRemovedFromTheConfigurationWhileStoppedIsDeletedAtTheNextStart() throws Exception {
        MemoryKernel k = kernelWithAHandMadeService();
        DirectorSettings settings = Fixtures.settings().stateFile(dir.resolve("owned")).build();
        try (Director d = Director.start(settings, Fixtures.parts(new Fixtures.ScriptedLoader(webAndMail()), k, Role.ACTIVE))) {
            d.awaitIdle();
        }
        assertTrue(k.services.containsKey(MAIL), "stopping leaves the table in place");
        assertTrue(Files.readString(dir.resolve("owned")).contains("TCP 10.23.8.81:25"));
        // A new process: it knows MAIL was its own only from the state file.
        try (Director d = Director.start(settings, Fixtures.parts(new Fixtures.ScriptedLoader(Fixtures.web(3)), k, Role.ACTIVE))) {
            assertFalse(k.services.containsKey(MAIL));
            assertTrue(k.services.containsKey(WEB));
        }
        assertHandMadeUntouched(k);
    }

    @Test
    void withoutAStateFileAServiceRemovedWhileStoppedIsLeftAlone() throws Exception {
        MemoryKernel k = new MemoryKernel();
        try (Director d = Director.start(Fixtures.settings().build(), Fixtures.parts(new Fixtures.ScriptedLoader(webAndMail()), k, Role.ACTIVE))) {
            d.awaitIdle();
        }
        try (Director d = Director.start(Fixtures.settings().build(), Fixtures.parts(new Fixtures.ScriptedLoader(Fixtures.web(3)), k, Role.ACTIVE))) {
            assertTrue(k.services.containsKey(MAIL), "not remembered, so not known to be the director's");
        }
    }

    @Test
    void aBackupDeletesTheConfiguredServicesEvenWithoutMemoryOfCreatingThem() throws Exception {
        MemoryKernel k = new MemoryKernel();
        try (Director d = Director.start(Fixtures.settings().build(), Fixtures.parts(new Fixtures.ScriptedLoader(Fixtures.web(3)), k, Role.ACTIVE))) {
            d.awaitIdle();
        }
        try (Director d = Director.start(Fixtures.settings().build(), Fixtures.parts(new Fixtures.ScriptedLoader(Fixtures.web(3)), k, Role.BACKUP))) {
            assertFalse(k.services.containsKey(WEB), "configured: the director's, so a backup takes it down");
        }
    }

    @Test
    void manageWholeTableDeletesEveryServiceNotConfigured() throws Exception {
        MemoryKernel k = kernelWithAHandMadeService();
        try (Director d = Director.start(Fixtures.settings().build(),
                Fixtures.parts(new Fixtures.ScriptedLoader(webOnly("manage_whole_table = 1\n")), k, Role.ACTIVE))) {
            assertFalse(k.services.containsKey(HAND));
            assertTrue(k.services.containsKey(WEB));
        }
    }
}
