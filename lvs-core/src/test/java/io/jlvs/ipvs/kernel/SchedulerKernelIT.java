package io.jlvs.ipvs.kernel;

import static io.jlvs.testing.Inet.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.jlvs.ipvs.Scheduler;
import io.jlvs.ipvs.SchedulerFlag;
import io.jlvs.ipvs.SchedulerNotAvailableException;
import io.jlvs.ipvs.ServiceKey;
import io.jlvs.ipvs.VirtualService;
import io.jlvs.testing.KernelModules;
import io.jlvs.testing.KernelRun;
import io.jlvs.testing.KernelNamespace;
import io.jlvs.testing.KernelTest;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scheduler that the running kernel ships, and the scheduler flags of sh and mh, both ways
 * between the API and ipvsadm.
 */
@KernelTest
class SchedulerKernelIT {
    private static final ServiceKey WEB = ServiceKey.tcp(ip("10.0.0.1"), 80);

    /** The mainline schedulers this kernel has a module for (6.1: all but twos, which came in 6.7). */
    static Stream<Scheduler> availableSchedulers() {
        return Scheduler.known().stream().filter(s -> KernelModules.has(s.moduleName()));
    }

    @Test
    void everyMainlineSchedulerBeforeTwosIsInThisKernel() {
        // The list the parameterized tests run over must not silently shrink.
        List<String> names = availableSchedulers().map(Scheduler::name).toList();
        assertTrue(names.containsAll(List.of("rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq",
                "fo", "ovf", "mh")), "schedulers with a module in " + KernelModules.release() + ": " + names);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("availableSchedulers")
    void schedulerSetByTheApiIsWhatIpvsadmSaves(Scheduler scheduler, KernelNamespace ns) {
        ns.ipvs().addService(VirtualService.builder(WEB).scheduler(scheduler).build());

        assertEquals(List.of("-A -t 10.0.0.1:80 -s " + scheduler.name()), ns.ipvsadmSave());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("availableSchedulers")
    void schedulerSetByIpvsadmIsWhatTheApiReads(Scheduler scheduler, KernelNamespace ns) {
        ns.ipvsadm("-A", "-t", "10.0.0.1:80", "-s", scheduler.name());

        assertEquals(scheduler, ns.ipvs().service(WEB).orElseThrow().service().scheduler());
    }

    @Test
    void schedulerIsChangedByEditWithRealServersInPlace(KernelNamespace ns) {
        ns.ipvsadm("-A", "-t", "10.0.0.1:80", "-s", "rr");
        ns.ipvsadm("-a", "-t", "10.0.0.1:80", "-r", "10.0.1.1:80", "-m");

        ns.ipvs().editService(VirtualService.builder(WEB).scheduler(Scheduler.MH).build());

        assertEquals(List.of("-A -t 10.0.0.1:80 -s mh", "-a -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 1"), ns.ipvsadmSave());
    }

    @Test
    void schedulerNoneIsAcceptedAndReportedAsNone(KernelNamespace ns) {
        ns.ipvs().addService(VirtualService.builder(WEB).scheduler(Scheduler.NONE).build());

        assertEquals(List.of("-A -t 10.0.0.1:80 -s none"), ns.ipvsadmSave());
        assertEquals(Scheduler.NONE, ns.ipvs().service(WEB).orElseThrow().service().scheduler());
    }

    @Test
    void twosWithoutItsModuleIsSchedulerNotAvailable(KernelNamespace ns) {
        if (KernelModules.has("ip_vs_twos")) {
            KernelRun.skipForKernelFeature("this kernel has ip_vs_twos, so its missing-module error cannot be shown; "
                    + "the parameterized tests cover twos");
        }

        SchedulerNotAvailableException e = assertThrows(SchedulerNotAvailableException.class,
                () -> ns.ipvs().addService(VirtualService.builder(WEB).scheduler(Scheduler.TWOS).build()));

        assertEquals(Scheduler.TWOS, e.scheduler());
        assertTrue(e.getMessage().contains("ip_vs_twos"), e.getMessage());
        assertTrue(e.getMessage().contains("TCP 10.0.0.1:80"), e.getMessage());
        assertEquals(List.of(), ns.ipvsadmSave());
    }

    /** Flags as the API sets them, and as ipvsadm -Sn prints them (the same words ipvsadm -b takes). */
    static Stream<Arguments> flags() {
        return Stream.of(
                arguments(Scheduler.SH, Set.of(SchedulerFlag.SH_FALLBACK), "-b sh-fallback"),
                arguments(Scheduler.SH, Set.of(SchedulerFlag.SH_PORT), "-b sh-port"),
                arguments(Scheduler.SH, Set.of(SchedulerFlag.SH_FALLBACK, SchedulerFlag.SH_PORT), "-b sh-fallback,sh-port"),
                arguments(Scheduler.MH, Set.of(SchedulerFlag.MH_FALLBACK), "-b mh-fallback"),
                arguments(Scheduler.MH, Set.of(SchedulerFlag.MH_PORT), "-b mh-port"),
                arguments(Scheduler.MH, Set.of(SchedulerFlag.MH_FALLBACK, SchedulerFlag.MH_PORT), "-b mh-fallback,mh-port"),
                arguments(Scheduler.RR, Set.of(SchedulerFlag.FLAG_3), "-b flag-3"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("flags")
    void flagsSetByTheApiAreWhatIpvsadmSaves(Scheduler scheduler, Set<SchedulerFlag> flags, String option,
            KernelNamespace ns) {
        ns.ipvs().addService(VirtualService.builder(WEB).scheduler(scheduler).schedulerFlags(flags).build());

        assertEquals(List.of("-A -t 10.0.0.1:80 -s " + scheduler.name() + " " + option), ns.ipvsadmSave());
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("flags")
    void flagsSetByIpvsadmAreWhatTheApiReads(Scheduler scheduler, Set<SchedulerFlag> flags, String option,
            KernelNamespace ns) {
        ns.ipvsadm(("-A -t 10.0.0.1:80 -s " + scheduler.name() + " " + option).split(" "));

        VirtualService read = ns.ipvs().service(WEB).orElseThrow().service();
        assertEquals(flags, read.schedulerFlags());
        assertEquals(scheduler, read.scheduler());
    }

    @Test
    void editClearsFlags(KernelNamespace ns) {
        ns.ipvsadm("-A", "-t", "10.0.0.1:80", "-s", "sh", "-b", "sh-fallback,sh-port");

        ns.ipvs().editService(VirtualService.builder(WEB).scheduler(Scheduler.SH).schedulerFlags(SchedulerFlag.SH_PORT).build());

        assertEquals(List.of("-A -t 10.0.0.1:80 -s sh -b sh-port"), ns.ipvsadmSave());
    }

    @Test
    void flagsListedAsIpvsadmShowsThem(KernelNamespace ns) {
        ns.ipvs().addService(VirtualService.builder(ServiceKey.tcp(ip("2001:db8::1"), 80)).scheduler(Scheduler.SH)
                .schedulerFlags(SchedulerFlag.SH_FALLBACK, SchedulerFlag.SH_PORT).build());

        assertTrue(ns.ipvsadm("-Ln").lines().anyMatch(l -> l.strip().equals("TCP  [2001:db8::1]:80 sh (sh-fallback,sh-port)")),
                ns.ipvsadm("-Ln"));
    }
}
