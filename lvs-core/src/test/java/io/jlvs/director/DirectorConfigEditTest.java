package io.jlvs.director;

import static io.jlvs.director.Fixtures.web;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.config.Configuration;
import io.jlvs.director.internal.Role;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The review of an edit: the director's plan for a proposed lvs.cf, made without touching the kernel. */
class DirectorConfigEditTest {
    /** Checks a proposed text by parsing it, as the real loader does after reading the file. */
    static final class TextLoader extends Fixtures.ScriptedLoader {
        TextLoader(Configuration first) {
            super(first);
        }

        @Override
        public Configuration load(Path file, String text) {
            return Fixtures.parse(text);
        }
    }

    @Test
    void aProposedWeightIsPlannedAsOneEditAndNothingIsApplied() throws Exception {
        MemoryKernel k = new MemoryKernel();
        try (Director d = Director.start(Fixtures.settings().build(), Fixtures.parts(new TextLoader(web(3)), k, Role.ACTIVE))) {
            d.awaitIdle();
            k.clearApplied();
            Map<String, Object> plan = new ControlHandler(d).configEdits().plan(Fixtures.WEB_TEXT.formatted(0, 5));
            assertEquals(true, plan.get("valid"), plan.toString());
            @SuppressWarnings("unchecked")
            List<String> operations = (List<String>) plan.get("operations");
            assertEquals(1, operations.size(), operations.toString());
            assertTrue(operations.get(0).contains("192.168.1.2") && operations.get(0).contains("5"), operations.toString());
            assertEquals(List.of(), plan.get("restart_needed"));
            assertEquals(List.of(), plan.get("warnings"));
            assertEquals(List.of(), k.appliedOps(), "a plan applies nothing");
            assertEquals(List.of(), d.plan(), "the configuration in force is unchanged");
        }
    }

    @Test
    void aProposalWithoutAVirtualPlansItsRemovalAndARestartOnlyChangeIsNamed() throws Exception {
        MemoryKernel k = new MemoryKernel();
        try (Director d = Director.start(Fixtures.settings().build(), Fixtures.parts(new TextLoader(web(3)), k, Role.ACTIVE))) {
            d.awaitIdle();
            Map<String, Object> plan = new ControlHandler(d).configEdits().plan("network = nat\nnat_router = 192.168.1.254 eth1:1\nkeepalive = 1\n");
            assertTrue(plan.get("operations").toString().contains("- service TCP 10.23.8.80:80 wlc"), plan.toString());
            assertTrue(plan.get("restart_needed").toString().contains("keepalive"), plan.toString());
            assertTrue(k.services.containsKey(Fixtures.WEB));
        }
    }

    @Test
    void aPlanCarriesTheWarningsAReloadWouldLog() throws Exception {
        MemoryKernel k = new MemoryKernel();
        try (Director d = Director.start(Fixtures.settings().build(), Fixtures.parts(new TextLoader(web(3)), k, Role.ACTIVE))) {
            d.awaitIdle();
            Map<String, Object> plan = new ControlHandler(d).configEdits().plan("no_such_key = 1\n" + Fixtures.WEB_TEXT.formatted(0, 5));
            assertEquals(true, plan.get("valid"), plan.toString());
            @SuppressWarnings("unchecked")
            List<String> warnings = (List<String>) plan.get("warnings");
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("lvs.cf:1: warning: no_such_key: unknown key"), warnings.toString());
        }
    }
}
