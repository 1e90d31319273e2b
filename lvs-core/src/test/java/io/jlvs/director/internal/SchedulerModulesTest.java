package io.jlvs.director.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jlvs.director.ConfigurationRejectedException;
import io.jlvs.ipvs.Scheduler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scheduler the kernel cannot load is refused when lvs.cf is read, never found out by the kernel. */
class SchedulerModulesTest {
    private static final String RELEASE = "6.1.0-57-amd64";

    @TempDir
    Path root;

    private SchedulerModules kernelWith(String... files) throws Exception {
        Path ipvs = Files.createDirectories(root.resolve(RELEASE).resolve("kernel/net/netfilter/ipvs"));
        for (String f : files) {
            Files.createFile(ipvs.resolve(f));
        }
        return new SchedulerModules(root, RELEASE);
    }

    @Test
    void aSchedulerWhoseModuleIsThereIsAccepted() throws Exception {
        SchedulerModules m = kernelWith("ip_vs.ko.xz", "ip_vs_rr.ko.xz", "ip_vs_mh.ko");

        assertEquals(Optional.empty(), m.problem(Scheduler.RR));
        assertEquals(Optional.empty(), m.problem(Scheduler.MH));
    }

    @Test
    void aMainlineSchedulerThisKernelLacksIsRefusedNamingTheModule() throws Exception {
        String problem = kernelWith("ip_vs_rr.ko.xz").problem(Scheduler.TWOS).orElseThrow();

        assertTrue(problem.contains("scheduler 'twos' not available"), problem);
        assertTrue(problem.contains("no module ip_vs_twos"), problem);
        assertTrue(problem.contains(RELEASE), problem);
    }

    @Test
    void anUnknownNameIsRefusedListingWhatTheKernelHas() throws Exception {
        String problem = kernelWith("ip_vs_rr.ko.xz", "ip_vs_wlc.ko.xz").problem(Scheduler.of("fastest")).orElseThrow();

        assertTrue(problem.contains("no module ip_vs_fastest"), problem);
        assertTrue(problem.contains("[rr, wlc]"), problem);
    }

    @Test
    void builtInSchedulersCountAsPresent() throws Exception {
        Files.createDirectories(root.resolve(RELEASE));
        Files.writeString(root.resolve(RELEASE).resolve("modules.builtin"),
                "kernel/net/netfilter/ipvs/ip_vs.ko\nkernel/net/netfilter/ipvs/ip_vs_wrr.ko\n");
        SchedulerModules m = new SchedulerModules(root, RELEASE);

        assertEquals(Optional.empty(), m.problem(Scheduler.WRR));
        assertTrue(m.problem(Scheduler.RR).isPresent());
    }

    @Test
    void withoutTheModuleDirectoryOnlyMainlineNamesPass() {
        SchedulerModules m = new SchedulerModules(root, "no-such-release");

        assertEquals(Optional.empty(), m.problem(Scheduler.TWOS));
        String problem = m.problem(Scheduler.of("fastest")).orElseThrow();
        assertTrue(problem.startsWith("unknown scheduler 'fastest'"), problem);
    }

    @Test
    void noneNeedsNoModule() throws Exception {
        assertEquals(Optional.empty(), kernelWith().problem(Scheduler.NONE));
    }

    @Test
    void theLoaderRefusesTheFileWithFileLineAndKey() throws Exception {
        Path file = root.resolve("lvs.cf");
        Files.writeString(file, OneVirtualFile.text("", "scheduler = fastest\n"));
        LvsCfLoader loader = new LvsCfLoader(kernelWith("ip_vs_rr.ko.xz"));

        ConfigurationRejectedException e = assertThrows(ConfigurationRejectedException.class, () -> loader.load(file));

        assertTrue(e.getMessage().contains(file + ":5: scheduler: virtual web: scheduler 'fastest' not available"),
                e.getMessage());
    }
}
